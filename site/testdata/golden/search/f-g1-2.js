insightSearch.filter("f-g1-2.js","dBwEBAQEB");
