insightSearch.filter("f-t2.js","dAwY=");
