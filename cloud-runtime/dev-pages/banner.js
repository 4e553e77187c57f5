// Local runtime only: shows who you are signed in as, with a way to switch.
(function () {
  var openid = localStorage.getItem('zbt.devOpenid')
  if (!openid) return
  var pill = document.createElement('a')
  pill.href = '/dev/signin?return=' + encodeURIComponent(location.pathname + location.search)
  pill.id = 'dev-identity-banner'
  pill.setAttribute('style', 'position:fixed;right:8px;bottom:8px;z-index:9999;background:rgba(0,0,0,.65);color:#fff;' +
    'font-size:12px;padding:4px 10px;border-radius:12px;text-decoration:none;font-family:sans-serif')
  pill.textContent = '本地演示 · 切换身份'
  document.body.appendChild(pill)
  fetch('/dev/people').then(function (r) { return r.json() }).then(function (people) {
    var me = people.find(function (p) { return p.openid === openid })
    if (me) pill.textContent = '本地演示：' + me.name + ' · 切换身份'
  })
})()
