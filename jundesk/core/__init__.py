"""Plain dataclasses, enums and the case state machine; no I/O, no Qt."""
