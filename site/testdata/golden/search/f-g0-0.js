insightSearch.filter("f-g0-0.js","dAAQBAQ==");
