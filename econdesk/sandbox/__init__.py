"""Faithful local fakes of e-conomic and the billing platforms, served over loopback HTTP.

`server` is the generic framework (routing, auth hook, rate limiter, fault injection,
recording); each outside system is a subpackage with its route table and data.
"""
