"""The stages of the cycle outside the agent: observe, diagnose, edit, trial, judge, deploy."""
