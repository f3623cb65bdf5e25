insightSearch.filter("f-t1.js","dAQQDAw==");
