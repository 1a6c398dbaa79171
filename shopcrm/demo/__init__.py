"""The demo shop generator: a believable bakery / milk-tea shop for first start, tests and benchmarks.

Nothing in production code imports it except the `demo` CLI verb and the first-start choice."""
