"""The site's search index: our own compact static index, built in Python and read by a small ES module.

    words.py      the fold shared with the browser: folded tokens, their exact (tone-insensitive) spellings
    documents.py  what is searchable: published initiatives and stories, newest first, their fields and filters
    postings.py   id lists in binary (bitmap or delta varints) and the shards that hold them
    index.py      every file of the index, as bytes; written only when they change

The browser half is `assets/javascripts/search-index.js`; both halves must fold and hash alike (tests check).
"""
