insightSearch.filter("f-g1-2.js","bgA8AAA==");
