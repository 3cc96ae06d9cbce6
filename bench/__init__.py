"""pantau benchmark: synthetic corpus, nginx, baseline spider, end-to-end runs. See bench/README.md."""
