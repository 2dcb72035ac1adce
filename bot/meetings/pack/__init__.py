"""The pre-meeting pack (会前材料): its content, and the PDF and XLSX it is rendered as."""
