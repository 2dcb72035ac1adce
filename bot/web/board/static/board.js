// The wall board's live parts: refetch /board/panels every `data-refresh` seconds without a
// reload (showing when it last did and a countdown), and on a wide screen whose parks do not
// fit, show them page by page every `data-rotate` seconds (0: no rotation). Printing shows
// every park (board.css); nothing here is needed to read the board.
(function () {
  "use strict";
  const board = document.getElementById("board");
  if (!board) return;
  const panels = document.getElementById("panels");
  const updated = document.getElementById("board-updated");
  const countdown = document.getElementById("board-countdown");
  const pageLabel = document.getElementById("board-page");
  const refresh = Math.max(1, Number(board.dataset.refresh) || 60);
  const rotate = Number(board.dataset.rotate) || 0;
  const wide = window.matchMedia("(min-width: 1000px)");
  const url = "/board/panels" + window.location.search;
  let left = refresh;
  let loading = false;
  let page = 0;
  let pages = 1;

  function two(n) { return String(n).padStart(2, "0"); }

  function stamp() {
    const now = new Date();
    const time = two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
    updated.textContent = board.dataset.updatedLabel.replace("{time}", time);
    board.dataset.updatedAt = String(now.getTime());
  }

  function tick() {
    countdown.textContent = board.dataset.countdownLabel.replace("{seconds}", String(left));
  }

  // Parks packed into pages of the visible height, in order; a park taller than the area is
  // a page of its own.
  function paginate() {
    const list = document.getElementById("parks-list");
    if (!list) return;
    const parks = Array.from(list.querySelectorAll(".park"));
    parks.forEach(function (park) { park.classList.remove("off-page"); });
    if (!rotate || !wide.matches) {
      pages = 1;
      pageLabel.hidden = true;
      return;
    }
    const room = list.clientHeight;
    const pageOf = [];
    let used = 0;
    let current = 0;
    parks.forEach(function (park) {
      const style = window.getComputedStyle(park);
      const height = park.offsetHeight + parseFloat(style.marginBottom || "0");
      if (used > 0 && used + height > room) { current += 1; used = 0; }
      pageOf.push(current);
      used += height;
    });
    pages = current + 1;
    if (page >= pages) page = 0;
    parks.forEach(function (park, index) {
      park.classList.toggle("off-page", pageOf[index] !== page);
    });
    pageLabel.hidden = pages < 2;
    pageLabel.textContent = board.dataset.pageLabel
      .replace("{page}", String(page + 1)).replace("{pages}", String(pages));
    board.dataset.page = String(page + 1);
    board.dataset.pages = String(pages);
  }

  async function load() {
    if (loading) return;
    loading = true;
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      panels.innerHTML = await response.text();
      stamp();
      paginate();
    } catch (error) {
      updated.textContent = board.dataset.failedLabel;
    } finally {
      loading = false;
      left = refresh;
      tick();
    }
  }

  stamp();
  paginate();
  tick();
  window.setInterval(function () {
    left -= 1;
    if (left <= 0) { load(); } else { tick(); }
  }, 1000);
  if (rotate) {
    window.setInterval(function () {
      if (pages < 2) return;
      page = (page + 1) % pages;
      paginate();
    }, rotate * 1000);
  }
  wide.addEventListener("change", paginate);
  window.addEventListener("resize", paginate);
  // Paper shows every park: undo the rotation while printing.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".park.off-page").forEach(function (park) {
      park.classList.remove("off-page");
    });
  });
  window.addEventListener("afterprint", paginate);
})();
