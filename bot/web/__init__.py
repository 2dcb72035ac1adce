"""The HTTP adapter: routes of the one ASGI app that shares the Application's event loop."""
