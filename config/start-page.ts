/** The page a member's cold start opens: the first page of app.json (src/routes.ts PAGES.home; test/unit/routes.test.ts keeps them equal). */
export const START_PAGE = 'pages/home/index'
