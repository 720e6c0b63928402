"""Which initiatives say the same thing: copies screened before they are published, and related initiatives
linked from each page.

    tokens      folded words of the screened fields → word trigrams (copies) and bigrams (topics)
    signatures  MinHash signatures (datasketch) and both shingle sets, cached by content digest
    candidates  LSH: records that share a band of their signatures, never every pair
    scoring     each candidate scored exactly: weighted Jaccard and containment of trigram sets
    screening   pairs above the threshold, clusters, editors' decisions applied
    related     up to five similar published initiatives of other organisations
"""
