"""One module per HubSpot kind, each owning its whole round trip (see ``kinds.base``):
``pipelines`` (pipelines and stages), ``properties`` (property groups and custom properties),
``custom_objects`` (schemas), ``owners``, and ``workflows``.

Importing this package imports no kind module: ``plan`` and ``export`` import the ones they use.
"""
