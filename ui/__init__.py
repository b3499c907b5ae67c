"""The Streamlit side: shared page plumbing and components. No business rules here."""
