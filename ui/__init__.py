"""The dashboard's Streamlit pieces (dashboard.py lays them out) and its words (strings.toml)."""
