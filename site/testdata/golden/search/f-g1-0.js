insightSearch.filter("f-g1-0.js","dAAQBAQ==");
