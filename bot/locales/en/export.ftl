## The ledger (台账) workbook.
export-summary-sheet = Summary
export-title = Industrial park campaign ledger ({ $period })
export-as-of = Data as of { $moment }
export-unnamed-park = No park
export-reason-separator = {"; "}

export-col-name = Project
export-col-enterprise = Enterprise
export-col-category = Category
export-col-chain = Industry chain
export-col-leader = Leader
export-col-liaisons = Liaisons
export-col-total = Total investment (10k yuan)
export-col-plan = Annual plan (10k yuan)
export-col-year = Invested this year (10k yuan)
export-col-plan-percent = Of annual plan %
export-col-expected-percent = Time-proportional plan %
export-col-cumulative = Cumulative (10k yuan)
export-col-stage = Stage
export-col-physical = Physical progress %
export-col-period-investment = This period (10k yuan)
export-col-progress = Progress this period
export-col-problems = Problems needing coordination
export-col-open-problems = Open problems
export-col-light = Light
export-col-reasons = Why this light
export-col-last-report = Last report

export-sum-rank = Rank
export-sum-park = Park
export-sum-projects = Projects
export-sum-green = Green
export-sum-yellow = Yellow
export-sum-red = Red
export-sum-reported = Reported this period
export-sum-reported-percent = Reported %
export-sum-plan = Annual plan (10k yuan)
export-sum-year = Invested this year (10k yuan)
export-sum-plan-percent = Of annual plan %
export-sum-total = City total

export-light-green = Green
export-light-yellow = Yellow
export-light-red = Red

export-category-signed = Signed
export-category-new_start = New start
export-category-continuing = Continuing
export-category-in_production = In production

## Charts (no emoji: the chart fonts have none).
chart-actual = Invested this year (cumulative)
chart-plan = Time-proportional plan
chart-axis-amount = 10k yuan
chart-axis-count = Projects
chart-month = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
    [12] Dec
   *[other] { $month }
}
chart-no-data = No data yet
chart-green = Green
chart-yellow = Yellow
chart-red = Red
