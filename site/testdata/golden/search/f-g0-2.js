insightSearch.filter("f-g0-2.js","dAw==");
