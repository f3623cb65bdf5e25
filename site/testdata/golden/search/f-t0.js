insightSearch.filter("f-t0.js","cAAMBAgQC");
