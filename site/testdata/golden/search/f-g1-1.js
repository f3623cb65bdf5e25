insightSearch.filter("f-g1-1.js","dAQEB");
