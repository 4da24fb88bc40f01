"""End-to-end tests: JupyterLab and Voila in headless Chromium."""
