"""Problems needing coordination: assign, progress, close (销号)."""
