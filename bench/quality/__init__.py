"""Answer quality: factbot and standard search libraries on a labelled question set.

`python -m bench.quality` asks every question of `bench/questions/` of factbot (through
`answer()`, as a user would) and of baselines indexing the same items, and reports hit@1, hit@5
and MRR per category and split, and how often each answers a question the sources cannot.
"""
