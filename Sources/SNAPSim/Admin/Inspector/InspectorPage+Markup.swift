extension InspectorPage {
    /// The page's fixed frame: the token form, the header, the navigation and the view's container. The views
    /// themselves are built by the script from the admin API's answers.
    static let markup = #"""
<div id="login" class="login"><form id="login-form" autocomplete="off">
<h1>snapsim inspector</h1>
<p class="lead">Enter the admin token that <code>snapsim serve</code> printed (or its <code>--admin-token</code>).
It stays in this tab's session storage and is sent as a bearer header, never in a URL.</p>
<input id="login-token" type="password" placeholder="admin token" aria-label="admin token">
<div class="row"><button class="primary" type="submit" id="login-submit">Open inspector</button></div>
<div id="login-status" class="status error"></div>
</form></div>
<header>
<div class="brand">snapsim <span>inspector</span></div>
<div class="spacer"></div>
<label for="partner-picker">partner</label><select id="partner-picker"></select>
<div class="clock" id="header-clock" title="simulator clock">—</div>
<button type="button" id="logout">Forget token</button>
</header>
<div class="layout">
<nav id="nav">
<a href="#journal" data-view="journal">Journal</a>
<a href="#accounts" data-view="accounts">Accounts</a>
<a href="#clock" data-view="clock">Clock &amp; reset</a>
<a href="#faults" data-view="faults">Faults</a>
<a href="#scenarios" data-view="scenarios">Scenarios</a>
<a href="#notifications" data-view="notifications">Notifications</a>
<a href="#payer" data-view="payer">Payer</a>
</nav>
<main id="view"></main>
</div>
"""#
}
