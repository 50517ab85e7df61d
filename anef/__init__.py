"""ANEF: the application factory, and the ``hookimpl`` marker for plugins."""
import pluggy

hookimpl = pluggy.HookimplMarker("anef")


def create_app(test_config: dict | None = None):
    """Create and configure the Flask application."""
    from anef.app import build_app

    return build_app(test_config)
