"""Stages of the cycle that are not the agent itself: observe, diagnose, edit, trial, judge, deploy."""
