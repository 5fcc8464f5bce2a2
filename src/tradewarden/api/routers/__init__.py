"""The API's routers, one module per resource; each route parses, calls the library and renders."""
