"""The demo data set: a roster with fictional people and months of reports."""
