insightSearch.filter("f-t0.js","cAAMBAgQ=");
