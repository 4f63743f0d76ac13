"""social-audit: flag old social media posts that may breach UK health and care professional standards."""

__version__ = "0.1.0"
