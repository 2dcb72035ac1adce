"""三个一: leader pairings (a 10亿 project, two enterprises), services, the per-leader view."""
