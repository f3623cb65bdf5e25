insightSearch.filter("f-g0-1.js","cAAMBAQE=");
