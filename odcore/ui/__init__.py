"""The Streamlit side of odcore: the only package here that imports streamlit."""
