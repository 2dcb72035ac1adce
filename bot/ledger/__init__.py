"""The ledger (台账): the XLSX workbook of every project."""
