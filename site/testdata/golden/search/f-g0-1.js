insightSearch.filter("f-g0-1.js","bhg8AAA==");
