"""The wall board's web pages: /board, /park/<id>, /project/<id>, and how viewers get in."""
