"""End-to-end tests: the app served by Streamlit, driven in the system Chromium."""
