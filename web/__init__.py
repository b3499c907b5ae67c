"""The server's own HTTP side, beside Streamlit's: the signed file route and the headers
every response carries. ``serve.py`` mounts them on ``st.App``; nothing here imports Streamlit."""
