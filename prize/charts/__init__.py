"""Plotly figures over plain values and DataFrames; pages draw them with ``st.plotly_chart``.
Nothing here imports Streamlit or reads the database."""
