"""econdesk: reconcile billing-platform money with Visma e-conomic bank entries."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("econdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
