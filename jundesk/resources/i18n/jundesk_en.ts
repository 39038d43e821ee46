<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About JunDesk</source>
        <translation>About JunDesk</translation>
    </message>
    <message>
        <source>JunDesk %1</source>
        <translation>JunDesk %1</translation>
    </message>
    <message>
        <source>The town&apos;s posts on X, to the right desk, urgent first.
Free software: you may share and change it under the GNU General Public License, version 3 or later (%1). It comes with no warranty.</source>
        <translation>The town&apos;s posts on X, to the right desk, urgent first.
Free software: you may share and change it under the GNU General Public License, version 3 or later (%1). It comes with no warranty.</translation>
    </message>
    <message>
        <source>Built with Python %1 and Qt for Python %2, and these components:</source>
        <translation>Built with Python %1 and Qt for Python %2, and these components:</translation>
    </message>
    <message>
        <source>The LGPL components are unmodified and kept as separate libraries, so they can be replaced; each one&apos;s licence text comes with its package.</source>
        <translation>The LGPL components are unmodified and kept as separate libraries, so they can be replaced; each one&apos;s licence text comes with its package.</translation>
    </message>
</context>
<context>
    <name>ActionErrors</name>
    <message>
        <source>%1 is not in this desk&apos;s database.</source>
        <translation>%1 is not in this desk&apos;s database.</translation>
    </message>
    <message>
        <source>%1 was merged into %2: act on that case instead.</source>
        <translation>%1 was merged into %2: act on that case instead.</translation>
    </message>
    <message>
        <source>Set your name in the settings to take cases.</source>
        <translation>Set your name in the settings to take cases.</translation>
    </message>
    <message>
        <source>Unknown priority “%1”: choose urgent, high, normal or low.</source>
        <translation>Unknown priority “%1”: choose urgent, high, normal or low.</translation>
    </message>
    <message>
        <source>Unknown role “%1”: the town&apos;s roles are %2.</source>
        <translation>Unknown role “%1”: the town&apos;s roles are %2.</translation>
    </message>
    <message>
        <source>An empty note says nothing: write the note first.</source>
        <translation>An empty note says nothing: write the note first.</translation>
    </message>
    <message>
        <source>The reply is empty: write it first.</source>
        <translation>The reply is empty: write it first.</translation>
    </message>
    <message>
        <source>Write what the citizen reported first.</source>
        <translation>Write what the citizen reported first.</translation>
    </message>
    <message>
        <source>A photo goes out with the closing reply: write the reply, or remove the photo.</source>
        <translation>A photo goes out with the closing reply: write the reply, or remove the photo.</translation>
    </message>
    <message>
        <source>Choose at least one other case to merge into this one.</source>
        <translation>Choose at least one other case to merge into this one.</translation>
    </message>
    <message>
        <source>%1 was itself merged: merge into the case it went to.</source>
        <translation>%1 was itself merged: merge into the case it went to.</translation>
    </message>
    <message>
        <source>%1 was already merged.</source>
        <translation>%1 was already merged.</translation>
    </message>
    <message>
        <source>This case has no post to answer in public (it was logged at the desk).</source>
        <translation>This case has no post to answer in public (it was logged at the desk).</translation>
    </message>
    <message>
        <source>No X account is connected on this desk.</source>
        <translation>No X account is connected on this desk.</translation>
    </message>
    <message>
        <source>No %1 account is connected on this desk.</source>
        <translation>No %1 account is connected on this desk.</translation>
    </message>
    <message>
        <source>The photo %1 can&apos;t go to X: it must be a readable JPEG, PNG, GIF or WEBP picture of at most 5 MB.</source>
        <translation>The photo %1 can&apos;t go to X: it must be a readable JPEG, PNG, GIF or WEBP picture of at most 5 MB.</translation>
    </message>
    <message>
        <source>X&apos;s rate limit for replies is used up: try again after %1.</source>
        <translation>X&apos;s rate limit for replies is used up: try again after %1.</translation>
    </message>
    <message>
        <source>X refused the reply (%1): check the account&apos;s permissions.</source>
        <translation>X refused the reply (%1): check the account&apos;s permissions.</translation>
    </message>
    <message>
        <source>X could not be reached: try again in a moment.</source>
        <translation>X could not be reached: try again in a moment.</translation>
    </message>
    <message>
        <source>X did not take the reply: try again later.</source>
        <translation>X did not take the reply: try again later.</translation>
    </message>
    <message>
        <source>a while</source>
        <translation>a while</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the case</source>
        <translation>Assign the case</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>Assign to</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
</context>
<context>
    <name>CaseCommands</name>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Set your name in the settings to take cases.</source>
        <translation>Set your name in the settings to take cases.</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s)</source>
        <translation>
            <numerusform>%1: %n case</numerusform>
            <numerusform>%1: %n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Assigned to %1</translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation>Sent to %1</translation>
    </message>
    <message>
        <source>Select the duplicate cases in the list first (Ctrl+click, or Shift with the arrow keys), then merge them.</source>
        <translation>Select the duplicate cases in the list first (Ctrl+click, or Shift with the arrow keys), then merge them.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) merged into %1</source>
        <translation>
            <numerusform>%n case merged into %1</numerusform>
            <numerusform>%n cases merged into %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The closing reply was not sent, so the case is still open: %1</source>
        <translation>The closing reply was not sent, so the case is still open: %1</translation>
    </message>
    <message>
        <source>Resolved: %1</source>
        <translation>Resolved: %1</translation>
    </message>
    <message>
        <source>Logged as %1</source>
        <translation>Logged as %1</translation>
    </message>
    <message>
        <source>Not published: JunDesk was closed before the reply went out. Send it again when it is ready.</source>
        <translation>Not published: JunDesk was closed before the reply went out. Send it again when it is ready.</translation>
    </message>
    <message>
        <source>Not sent: %1 Your text is kept as a draft.</source>
        <translation>Not sent: %1 Your text is kept as a draft.</translation>
    </message>
    <message>
        <source>Reply published: %1</source>
        <translation>Reply published: %1</translation>
    </message>
    <message>
        <source>Published on the town&apos;s account.</source>
        <translation>Published on the town&apos;s account.</translation>
    </message>
    <message>
        <source>Note added: %1</source>
        <translation>Note added: %1</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Private message</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Select a case in the list (or press J) to see its conversation, notes and history.</source>
        <translation>Select a case in the list (or press J) to see its conversation, notes and history.</translation>
    </message>
    <message>
        <source>Case title</source>
        <translation>Case title</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Case reference</translation>
    </message>
    <message>
        <source>Change priority</source>
        <translation>Change priority</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Links in this case</source>
        <translation>Links in this case</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>Case details</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Internal notes</source>
        <translation>Internal notes</translation>
    </message>
    <message>
        <source>New internal note</source>
        <translation>New internal note</translation>
    </message>
    <message>
        <source>A note for the town&apos;s desks (not published)…</source>
        <translation>A note for the town&apos;s desks (not published)…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Add the note (Ctrl+Return)</source>
        <translation>Add the note (Ctrl+Return)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>History of the case</source>
        <translation>History of the case</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>Public reply</translation>
    </message>
    <message>
        <source>Change the priority (keys 1 to 4)</source>
        <translation>Change the priority (keys 1 to 4)</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Private message</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(no text)</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Assigned to %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Conversation (%1)</source>
        <translation>Conversation (%1)</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>Notes (%1)</translation>
    </message>
    <message>
        <source>A private message: the desks of %1 answer it.</source>
        <translation>A private message: the desks of %1 answer it.</translation>
    </message>
    <message>
        <source>%1 old</source>
        <translation>%1 old</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>Links (%1)</source>
        <translation>Links (%1)</translation>
    </message>
    <message>
        <source>Open link in browser: %1</source>
        <translation>Open link in browser: %1</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>Photo from %1</source>
        <translation>Photo from %1</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
</context>
<context>
    <name>ChannelNotices</name>
    <message>
        <source>The Bluesky session can&apos;t be kept in the keyring: each start logs in again, and Bluesky allows 300 logins a day.</source>
        <translation>The Bluesky session can&apos;t be kept in the keyring: each start logs in again, and Bluesky allows 300 logins a day.</translation>
    </message>
    <message>
        <source>Mastodon&apos;s notification filters keep some mentions from JunDesk (%1): set them to accept in the town account&apos;s notification settings.</source>
        <translation>Mastodon&apos;s notification filters keep some mentions from JunDesk (%1): set them to accept in the town account&apos;s notification settings.</translation>
    </message>
    <message>
        <source>the desk read nothing from the bot for %1 h (since %2 UTC); Telegram keeps messages only 24 h, so those sent before the last 24 h are lost.</source>
        <translation>the desk read nothing from the bot for %1 h (since %2 UTC); Telegram keeps messages only 24 h, so those sent before the last 24 h are lost.</translation>
    </message>
</context>
<context>
    <name>ChannelSettings</name>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Bot API address</source>
        <translation>Bot API address</translation>
    </message>
    <message>
        <source>Photos address</source>
        <translation>Photos address</translation>
    </message>
    <message>
        <source>Town account</source>
        <translation>Town account</translation>
    </message>
    <message>
        <source>Town&apos;s announcement channel</source>
        <translation>Town&apos;s announcement channel</translation>
    </message>
    <message>
        <source>Wait for messages (seconds)</source>
        <translation>Wait for messages (seconds)</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Access token</translation>
    </message>
    <message>
        <source>App password</source>
        <translation>App password</translation>
    </message>
    <message>
        <source>Bot token</source>
        <translation>Bot token</translation>
    </message>
</context>
<context>
    <name>ChannelSettingsPane</name>
    <message>
        <source>The channels this desk reads and answers on. Tokens and passwords go to this computer&apos;s keyring when you save: they are never shown here again; leave one empty to keep the one stored.</source>
        <translation>The channels this desk reads and answers on. Tokens and passwords go to this computer&apos;s keyring when you save: they are never shown here again; leave one empty to keep the one stored.</translation>
    </message>
    <message>
        <source>Read and answer on %1</source>
        <translation>Read and answer on %1</translation>
    </message>
    <message>
        <source>Its keys and address are on the X account tab.</source>
        <translation>Its keys and address are on the X account tab.</translation>
    </message>
    <message>
        <source>Not available in this JunDesk: %1</source>
        <translation>Not available in this JunDesk: %1</translation>
    </message>
    <message>
        <source>kept in the keyring: type to replace it</source>
        <translation>kept in the keyring: type to replace it</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>not set</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Log a complaint</source>
        <translation>Log a complaint</translation>
    </message>
    <message>
        <source>A citizen came to the desk or called: write down what they reported. It becomes a case like any post.</source>
        <translation>A citizen came to the desk or called: write down what they reported. It becomes a case like any post.</translation>
    </message>
    <message>
        <source>How it came in</source>
        <translation>How it came in</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Citizen&apos;s name (optional)</source>
        <translation>Citizen&apos;s name (optional)</translation>
    </message>
    <message>
        <source>Citizen&apos;s name</source>
        <translation>Citizen&apos;s name</translation>
    </message>
    <message>
        <source>What they reported</source>
        <translation>What they reported</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>In person at the desk</source>
        <translation>In person at the desk</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>Let triage decide</source>
        <translation>Let triage decide</translation>
    </message>
</context>
<context>
    <name>ConversationDocument</name>
    <message>
        <source>Town reply</source>
        <translation>Town reply</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>At the desk</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>on %1</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Private message</translation>
    </message>
    <message>
        <source>Only the desks of %1 read it.</source>
        <translation>Only the desks of %1 read it.</translation>
    </message>
    <message>
        <source>Only the desks of the case&apos;s role read it.</source>
        <translation>Only the desks of the case&apos;s role read it.</translation>
    </message>
    <message>
        <source>Click to see it full size</source>
        <translation>Click to see it full size</translation>
    </message>
    <message>
        <source>Photo: </source>
        <translation>Photo: </translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>No notes yet.</translation>
    </message>
</context>
<context>
    <name>DemoDeskDialog</name>
    <message>
        <source>JunDesk demo</source>
        <translation>JunDesk demo</translation>
    </message>
    <message>
        <source>Which desk are you?</source>
        <translation>Which desk are you?</translation>
    </message>
    <message>
        <source>The demo shows a day in the town of Jun as that desk sees it.</source>
        <translation>The demo shows a day in the town of Jun as that desk sees it.</translation>
    </message>
    <message>
        <source>The police officer: police cases</source>
        <translation>The police officer: police cases</translation>
    </message>
    <message>
        <source>The street crew: street cleaning and lighting</source>
        <translation>The street crew: street cleaning and lighting</translation>
    </message>
    <message>
        <source>The town hall&apos;s front desk: every case</source>
        <translation>The town hall&apos;s front desk: every case</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Intake warning</source>
        <translation>Intake warning</translation>
    </message>
    <message>
        <source>Town hub</source>
        <translation>Town hub</translation>
    </message>
    <message>
        <source>Town intake</source>
        <translation>Town intake</translation>
    </message>
    <message>
        <source>Roles nobody covers</source>
        <translation>Roles nobody covers</translation>
    </message>
    <message>
        <source>Last good poll</source>
        <translation>Last good poll</translation>
    </message>
    <message>
        <source>Next poll</source>
        <translation>Next poll</translation>
    </message>
    <message>
        <source>Rate limit left</source>
        <translation>Rate limit left</translation>
    </message>
    <message>
        <source>Reads this month</source>
        <translation>Reads this month</translation>
    </message>
    <message>
        <source>Collecting for the town</source>
        <translation>Collecting for the town</translation>
    </message>
    <message>
        <source>Standby: another desk collects for the town</source>
        <translation>Standby: another desk collects for the town</translation>
    </message>
    <message>
        <source>This desk may not collect for the town</source>
        <translation>This desk may not collect for the town</translation>
    </message>
    <message>
        <source>Nobody on duty: %1</source>
        <translation>Nobody on duty: %1</translation>
    </message>
    <message>
        <source>Hub: connected, but this computer&apos;s clock is %1 min ahead of the hub&apos;s: set it right</source>
        <translation>Hub: connected, but this computer&apos;s clock is %1 min ahead of the hub&apos;s: set it right</translation>
    </message>
    <message>
        <source>Hub: connected, but this computer&apos;s clock is %1 min behind the hub&apos;s: set it right</source>
        <translation>Hub: connected, but this computer&apos;s clock is %1 min behind the hub&apos;s: set it right</translation>
    </message>
    <message>
        <source>Hub: connected, %1 to send</source>
        <translation>Hub: connected, %1 to send</translation>
    </message>
    <message>
        <source>Hub: connected</source>
        <translation>Hub: connected</translation>
    </message>
    <message>
        <source>Hub: connecting…</source>
        <translation>Hub: connecting…</translation>
    </message>
    <message>
        <source>Offline since %1: your work is kept here and sent when the hub is back</source>
        <translation>Offline since %1: your work is kept here and sent when the hub is back</translation>
    </message>
    <message>
        <source>%1 intake</source>
        <translation>%1 intake</translation>
    </message>
    <message>
        <source>The X app&apos;s monthly cap is reached: no new posts arrive until %1, or until intake&apos;s settings or the X keys change. Cases can still be logged at the desk.</source>
        <translation>The X app&apos;s monthly cap is reached: no new posts arrive until %1, or until intake&apos;s settings or the X keys change. Cases can still be logged at the desk.</translation>
    </message>
    <message>
        <source>Another JunDesk (process %1) collects into this desk&apos;s database, so this window doesn&apos;t poll X (both would be billed). Close the other one, and this window takes over.</source>
        <translation>Another JunDesk (process %1) collects into this desk&apos;s database, so this window doesn&apos;t poll X (both would be billed). Close the other one, and this window takes over.</translation>
    </message>
    <message>
        <source>Intake is failing: %1 New posts are not arriving.</source>
        <translation>Intake is failing: %1 New posts are not arriving.</translation>
    </message>
    <message>
        <source>No successful poll for %1: new posts may not be arriving. Check the network, or press F5 to try now.</source>
        <translation>No successful poll for %1: new posts may not be arriving. Check the network, or press F5 to try now.</translation>
    </message>
    <message>
        <source>Not polled yet</source>
        <translation>Not polled yet</translation>
    </message>
    <message>
        <source>Last poll: just now</source>
        <translation>Last poll: just now</translation>
    </message>
    <message>
        <source>Last poll: %1 ago</source>
        <translation>Last poll: %1 ago</translation>
    </message>
    <message>
        <source>Next: in %1 s</source>
        <translation>Next: in %1 s</translation>
    </message>
    <message>
        <source>Intake is off: no channel is connected, so no new posts arrive. Cases can still be logged at the desk.</source>
        <translation>Intake is off: no channel is connected, so no new posts arrive. Cases can still be logged at the desk.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no answer from the service.</source>
        <translation>no answer from the service.</translation>
    </message>
    <message>
        <source>Intake notice</source>
        <translation>Intake notice</translation>
    </message>
    <message>
        <source>Next: now</source>
        <translation>Next: now</translation>
    </message>
    <message>
        <source>Rate limit: %1/%2 left</source>
        <translation>Rate limit: %1/%2 left</translation>
    </message>
    <message>
        <source>Reads this month: %1 of %2</source>
        <translation>Reads this month: %1 of %2</translation>
    </message>
</context>
<context>
    <name>DisplayNames</name>
    <message>
        <source>Police</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>Street cleaning</source>
        <translation>Street cleaning</translation>
    </message>
    <message>
        <source>Lighting</source>
        <translation>Lighting</translation>
    </message>
    <message>
        <source>Unrouted</source>
        <translation>Unrouted</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>Parks</translation>
    </message>
    <message>
        <source>Waste</source>
        <translation>Waste</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Water</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>Roads and pavements</source>
        <translation>Roads and pavements</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <source>Pests</source>
        <translation>Pests</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>At the desk</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 and %2</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>New post</source>
        <translation>New post</translation>
    </message>
    <message>
        <source>Routed</source>
        <translation>Routed</translation>
    </message>
    <message>
        <source>Re-routed</source>
        <translation>Re-routed</translation>
    </message>
    <message>
        <source>Priority set</source>
        <translation>Priority set</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Merged into another</source>
        <translation>Merged into another</translation>
    </message>
    <message>
        <source>Duplicate merged in</source>
        <translation>Duplicate merged in</translation>
    </message>
    <message>
        <source>Personal data blocked</source>
        <translation>Personal data blocked</translation>
    </message>
    <message>
        <source>Target missed</source>
        <translation>Target missed</translation>
    </message>
    <message>
        <source>now</source>
        <translation>now</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2</source>
        <translation>%1 h %2</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 wk</source>
        <translation>%1 wk</translation>
    </message>
</context>
<context>
    <name>DutySettingsDialog</name>
    <message>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>ends the next day</source>
        <translation>ends the next day</translation>
    </message>
    <message>
        <source>Duty and notifications</source>
        <translation>Duty and notifications</translation>
    </message>
    <message>
        <source>Weekly schedule</source>
        <translation>Weekly schedule</translation>
    </message>
    <message>
        <source>Go on and off duty by this schedule (local time)</source>
        <translation>Go on and off duty by this schedule (local time)</translation>
    </message>
    <message>
        <source>Outside these hours the desk is off duty: no sounds, no pop-ups. The toolbar button still puts you on or off duty until the schedule next changes.</source>
        <translation>Outside these hours the desk is off duty: no sounds, no pop-ups. The toolbar button still puts you on or off duty until the schedule next changes.</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>This desk</translation>
    </message>
    <message>
        <source>Play a sound when a case comes in</source>
        <translation>Play a sound when a case comes in</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>A new language shows the next time JunDesk starts.</source>
        <translation>A new language shows the next time JunDesk starts.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Urgent cases nobody covers</source>
        <translation>Urgent cases nobody covers</translation>
    </message>
    <message>
        <source>When an urgent case comes in and nobody on duty covers its role, the front desk is told.</source>
        <translation>When an urgent case comes in and nobody on duty covers its role, the front desk is told.</translation>
    </message>
    <message>
        <source>Also answer the citizen in public, pointing to 112</source>
        <translation>Also answer the citizen in public, pointing to 112</translation>
    </message>
    <message>
        <source>The answer, in the citizen&apos;s language:</source>
        <translation>The answer, in the citizen&apos;s language:</translation>
    </message>
</context>
<context>
    <name>DutyWatch</name>
    <message>
        <source>Urgent and not acknowledged within %1 min: escalated, the front desk is told.</source>
        <translation>Urgent and not acknowledged within %1 min: escalated, the front desk is told.</translation>
    </message>
    <message>
        <source>Urgent, and nobody on duty covers %1: the front desk is told.</source>
        <translation>Urgent, and nobody on duty covers %1: the front desk is told.</translation>
    </message>
    <message>
        <source>The citizen gets an automatic answer pointing to 112.</source>
        <translation>The citizen gets an automatic answer pointing to 112.</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>Off duty</translation>
    </message>
    <message>
        <source>On duty: new cases for your roles notify you. Click to go off duty.</source>
        <translation>On duty: new cases for your roles notify you. Click to go off duty.</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. Click to go on duty.</source>
        <translation>Off duty: no sounds, no pop-ups. Click to go on duty.</translation>
    </message>
</context>
<context>
    <name>EventHistoryModel</name>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>words: %1</source>
        <translation>words: %1</translation>
    </message>
    <message>
        <source>%1% sure</source>
        <translation>%1% sure</translation>
    </message>
    <message>
        <source>rule words: %1</source>
        <translation>rule words: %1</translation>
    </message>
    <message>
        <source>the model&apos;s words: %1</source>
        <translation>the model&apos;s words: %1</translation>
    </message>
    <message>
        <source>probably: %1</source>
        <translation>probably: %1</translation>
    </message>
    <message>
        <source>not acknowledged within %1 min</source>
        <translation>not acknowledged within %1 min</translation>
    </message>
    <message>
        <source>no public reply within %1 min</source>
        <translation>no public reply within %1 min</translation>
    </message>
    <message>
        <source>not resolved within %1 min of working time</source>
        <translation>not resolved within %1 min of working time</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>the citizen wrote that the problem is back</source>
        <translation>the citizen wrote that the problem is back</translation>
    </message>
    <message>
        <source>the citizen thanks the town (the case stays resolved)</source>
        <translation>the citizen thanks the town (the case stays resolved)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>a private reply</source>
        <translation>a private reply</translation>
    </message>
    <message>
        <source>photo: %1</source>
        <translation>photo: %1</translation>
    </message>
    <message>
        <source>into #%1</source>
        <translation>into #%1</translation>
    </message>
    <message>
        <source>from #%1</source>
        <translation>from #%1</translation>
    </message>
</context>
<context>
    <name>FilterChip</name>
    <message>
        <source>Turn this filter off</source>
        <translation>Turn this filter off</translation>
    </message>
    <message>
        <source>Turn off the filter %1</source>
        <translation>Turn off the filter %1</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <source>Filters on:</source>
        <translation>Filters on:</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to JunDesk</source>
        <translation>Welcome to JunDesk</translation>
    </message>
    <message>
        <source>JunDesk reads the posts citizens send to the town&apos;s account on X and puts each one in front of the right desk, urgent first. How do you want to start?</source>
        <translation>JunDesk reads the posts citizens send to the town&apos;s account on X and puts each one in front of the right desk, urgent first. How do you want to start?</translation>
    </message>
    <message>
        <source>&amp;Connect the town&apos;s X account</source>
        <translation>&amp;Connect the town&apos;s X account</translation>
    </message>
    <message>
        <source>You need the keys of the town&apos;s X developer app. They are kept in this computer&apos;s keyring, never in a file.</source>
        <translation>You need the keys of the town&apos;s X developer app. They are kept in this computer&apos;s keyring, never in a file.</translation>
    </message>
    <message>
        <source>Open the &amp;demo: a simulated day in the town of Jun</source>
        <translation>Open the &amp;demo: a simulated day in the town of Jun</translation>
    </message>
    <message>
        <source>No account needed: a local copy of X&apos;s API and a simulated town post to this desk every few seconds.</source>
        <translation>No account needed: a local copy of X&apos;s API and a simulated town post to this desk every few seconds.</translation>
    </message>
    <message>
        <source>Paste the keys from the town&apos;s app on developer.x.com. The bearer token is enough to read; replying needs the API key, its secret, the access token and its secret.</source>
        <translation>Paste the keys from the town&apos;s app on developer.x.com. The bearer token is enough to read; replying needs the API key, its secret, the access token and its secret.</translation>
    </message>
    <message>
        <source>Bearer token (reads):</source>
        <translation>Bearer token (reads):</translation>
    </message>
    <message>
        <source>Bearer token (reads)</source>
        <translation>Bearer token (reads)</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>API key secret:</source>
        <translation>API key secret:</translation>
    </message>
    <message>
        <source>API key secret</source>
        <translation>API key secret</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Access token:</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Access token</translation>
    </message>
    <message>
        <source>Access token secret:</source>
        <translation>Access token secret:</translation>
    </message>
    <message>
        <source>Access token secret</source>
        <translation>Access token secret</translation>
    </message>
    <message>
        <source>API address:</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API address</translation>
    </message>
    <message>
        <source>Leave empty to use X&apos;s own API</source>
        <translation>Leave empty to use X&apos;s own API</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Connection test result</translation>
    </message>
    <message>
        <source>This desk handles</source>
        <translation>This desk handles</translation>
    </message>
    <message>
        <source>Your &amp;name (shown in the history of what you do)</source>
        <translation>Your &amp;name (shown in the history of what you do)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>Front desk: every role, and what no rule could route</source>
        <translation>Front desk: every role, and what no rule could route</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Paste at least the bearer token, or the four user keys.</source>
        <translation>Paste at least the bearer token, or the four user keys.</translation>
    </message>
    <message>
        <source>Asking X…</source>
        <translation>Asking X…</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Connected as %1</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Not connected: %1</translation>
    </message>
    <message>
        <source>Choose at least one role for this desk.</source>
        <translation>Choose at least one role for this desk.</translation>
    </message>
    <message>
        <source>Your name is needed: the history shows who did what.</source>
        <translation>Your name is needed: the history shows who did what.</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln case(s), %3 unread</source>
        <translation>
            <numerusform>%1: %Ln case, %3 unread</numerusform>
            <numerusform>%1: %Ln cases, %3 unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln case(s)</source>
        <translation>
            <numerusform>%1: %Ln case</numerusform>
            <numerusform>%1: %Ln cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> (demo)</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <source>JunDesk</source>
        <translation>JunDesk</translation>
    </message>
    <message>
        <source> (filtered)</source>
        <translation> (filtered)</translation>
    </message>
    <message>
        <source>&amp;Records…</source>
        <translation>&amp;Records…</translation>
    </message>
    <message>
        <source>The town&apos;s record: figures, plots, records</source>
        <translation>The town&apos;s record: figures, plots, records</translation>
    </message>
    <message>
        <source>“%1” in all cases: counting…</source>
        <translation>“%1” in all cases: counting…</translation>
    </message>
    <message numerus="yes">
        <source>“%1” in all cases: %Ln found</source>
        <translation>
            <numerusform>“%1” in all cases: %Ln found</numerusform>
            <numerusform>“%1” in all cases: %Ln found</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: counting cases…%3</source>
        <translation>%1: counting cases…%3</translation>
    </message>
    <message>
        <source>%1 left this list.</source>
        <translation>%1 left this list.</translation>
    </message>
    <message>
        <source>the next case</source>
        <translation>the next case</translation>
    </message>
    <message>
        <source>%1 left this list; now showing %2.</source>
        <translation>%1 left this list; now showing %2.</translation>
    </message>
    <message>
        <source>%1 is in none of this desk&apos;s inboxes.</source>
        <translation>%1 is in none of this desk&apos;s inboxes.</translation>
    </message>
    <message numerus="yes">
        <source>The simulated day is over: all %n post(s) are in.</source>
        <translation>
            <numerusform>The simulated day is over: all %n post are in.</numerusform>
            <numerusform>The simulated day is over: all %n posts are in.</numerusform>
        </translation>
    </message>
    <message>
        <source>The simulated day in the demo is over: no more posts will come. Run &apos;jundesk demo&apos; again for a new day.</source>
        <translation>The simulated day in the demo is over: no more posts will come. Run &apos;jundesk demo&apos; again for a new day.</translation>
    </message>
    <message>
        <source>Duty and &amp;notifications…</source>
        <translation>Duty and &amp;notifications…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>The settings could not be saved: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>Case %1 is assigned to %2 (%3), not to you: their claim came first.</source>
        <translation>Case %1 is assigned to %2 (%3), not to you: their claim came first.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln case(s)%3</source>
        <translation>
            <numerusform>%1: %Ln case%3</numerusform>
            <numerusform>%1: %Ln cases%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Something went wrong (%1): %2. The details are in the log.</source>
        <translation>Something went wrong (%1): %2. The details are in the log.</translation>
    </message>
    <message>
        <source>Ctrl+1…9	Go to an inbox</source>
        <translation>Ctrl+1…9	Go to an inbox</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Inboxes</source>
        <translation>Inboxes</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>The case</source>
        <translation>The case</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Case actions</source>
        <translation>Case actions</translation>
    </message>
    <message>
        <source>&amp;Next case</source>
        <translation>&amp;Next case</translation>
    </message>
    <message>
        <source>Select the next case in the list</source>
        <translation>Select the next case in the list</translation>
    </message>
    <message>
        <source>&amp;Previous case</source>
        <translation>&amp;Previous case</translation>
    </message>
    <message>
        <source>Select the previous case in the list</source>
        <translation>Select the previous case in the list</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acknowledge</translation>
    </message>
    <message>
        <source>Tell the town you have seen this case</source>
        <translation>Tell the town you have seen this case</translation>
    </message>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Take</translation>
    </message>
    <message>
        <source>Assign the case to yourself</source>
        <translation>Assign the case to yourself</translation>
    </message>
    <message>
        <source>Assign &amp;to…</source>
        <translation>Assign &amp;to…</translation>
    </message>
    <message>
        <source>Assign the case to someone</source>
        <translation>Assign the case to someone</translation>
    </message>
    <message>
        <source>Re-&amp;route…</source>
        <translation>Re-&amp;route…</translation>
    </message>
    <message>
        <source>Send the case to another role, with a reason</source>
        <translation>Send the case to another role, with a reason</translation>
    </message>
    <message>
        <source>&amp;Urgent</source>
        <translation>&amp;Urgent</translation>
    </message>
    <message>
        <source>Set the priority to urgent</source>
        <translation>Set the priority to urgent</translation>
    </message>
    <message>
        <source>&amp;High</source>
        <translation>&amp;High</translation>
    </message>
    <message>
        <source>Set the priority to high</source>
        <translation>Set the priority to high</translation>
    </message>
    <message>
        <source>&amp;Normal</source>
        <translation>&amp;Normal</translation>
    </message>
    <message>
        <source>Set the priority to normal</source>
        <translation>Set the priority to normal</translation>
    </message>
    <message>
        <source>&amp;Low</source>
        <translation>&amp;Low</translation>
    </message>
    <message>
        <source>Set the priority to low</source>
        <translation>Set the priority to low</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>Internal &amp;note</translation>
    </message>
    <message>
        <source>Write a note only the town&apos;s desks see</source>
        <translation>Write a note only the town&apos;s desks see</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Reply</translation>
    </message>
    <message>
        <source>Write a public reply to the citizen</source>
        <translation>Write a public reply to the citizen</translation>
    </message>
    <message>
        <source>&amp;Send reply</source>
        <translation>&amp;Send reply</translation>
    </message>
    <message>
        <source>Publish the reply where the citizen wrote (Ctrl+Return in the reply box)</source>
        <translation>Publish the reply where the citizen wrote (Ctrl+Return in the reply box)</translation>
    </message>
    <message>
        <source>R&amp;esolve…</source>
        <translation>R&amp;esolve…</translation>
    </message>
    <message>
        <source>Mark the case resolved, with an optional closing reply and photo</source>
        <translation>Mark the case resolved, with an optional closing reply and photo</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Re&amp;open</translation>
    </message>
    <message>
        <source>Open a finished case again</source>
        <translation>Open a finished case again</translation>
    </message>
    <message>
        <source>&amp;Merge duplicates…</source>
        <translation>&amp;Merge duplicates…</translation>
    </message>
    <message>
        <source>Merge the selected cases into one</source>
        <translation>Merge the selected cases into one</translation>
    </message>
    <message>
        <source>&amp;Log a complaint…</source>
        <translation>&amp;Log a complaint…</translation>
    </message>
    <message>
        <source>Log a walk-in or phone complaint as a case</source>
        <translation>Log a walk-in or phone complaint as a case</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Search all cases</source>
        <translation>Search all cases</translation>
    </message>
    <message>
        <source>&amp;Links in this case…</source>
        <translation>&amp;Links in this case…</translation>
    </message>
    <message>
        <source>Show the links in the case; open one in the browser</source>
        <translation>Show the links in the case; open one in the browser</translation>
    </message>
    <message>
        <source>&amp;Check for new posts</source>
        <translation>&amp;Check for new posts</translation>
    </message>
    <message>
        <source>Poll X now</source>
        <translation>Poll X now</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Show every keyboard shortcut</source>
        <translation>Show every keyboard shortcut</translation>
    </message>
    <message>
        <source>&amp;About JunDesk</source>
        <translation>&amp;About JunDesk</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Close JunDesk</source>
        <translation>Close JunDesk</translation>
    </message>
</context>
<context>
    <name>MeasuresModel</name>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Acknowledge
median</source>
        <translation>Acknowledge
median</translation>
    </message>
    <message>
        <source>Acknowledge
p90</source>
        <translation>Acknowledge
p90</translation>
    </message>
    <message>
        <source>Reply
median</source>
        <translation>Reply
median</translation>
    </message>
    <message>
        <source>Reply
p90</source>
        <translation>Reply
p90</translation>
    </message>
    <message>
        <source>Resolve
median</source>
        <translation>Resolve
median</translation>
    </message>
    <message>
        <source>Resolve
p90</source>
        <translation>Resolve
p90</translation>
    </message>
    <message>
        <source>Acknowledged
within target</source>
        <translation>Acknowledged
within target</translation>
    </message>
    <message>
        <source>Replied
within target</source>
        <translation>Replied
within target</translation>
    </message>
    <message>
        <source>Resolved
within target</source>
        <translation>Resolved
within target</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Backlog</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge duplicate cases</source>
        <translation>Merge duplicate cases</translation>
    </message>
    <message>
        <source>These cases report the same matter. Choose the one to keep: the others join it, with their posts, and are closed as merged.</source>
        <translation>These cases report the same matter. Choose the one to keep: the others join it, with their posts, and are closed as merged.</translation>
    </message>
    <message>
        <source>Case to keep</source>
        <translation>Case to keep</translation>
    </message>
</context>
<context>
    <name>NotificationToast</name>
    <message>
        <source>New case notification</source>
        <translation>New case notification</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Not acknowledged in time: %s</source>
        <translation>Not acknowledged in time: %s</translation>
    </message>
    <message numerus="yes">
        <source>%n urgent case(s) not acknowledged in time</source>
        <translation>
            <numerusform>%n urgent case not acknowledged in time</numerusform>
            <numerusform>%n urgent cases not acknowledged in time</numerusform>
        </translation>
    </message>
    <message>
        <source>Urgent: %s</source>
        <translation>Urgent: %s</translation>
    </message>
    <message>
        <source>New case: %s</source>
        <translation>New case: %s</translation>
    </message>
    <message numerus="yes">
        <source>%n new case(s)</source>
        <translation>
            <numerusform>%n new case</numerusform>
            <numerusform>%n new cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n urgent</source>
        <translation>
            <numerusform>%n urgent</numerusform>
            <numerusform>%n urgent</numerusform>
        </translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Private message</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OffDutyBanner</name>
    <message>
        <source>Off duty</source>
        <translation>Off duty</translation>
    </message>
    <message>
        <source>Go on duty</source>
        <translation>Go on duty</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. This desk is alone: nobody will be alerted, not even of urgent cases.</source>
        <translation>Off duty: no sounds, no pop-ups. This desk is alone: nobody will be alerted, not even of urgent cases.</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. Nobody else on duty covers %1: nobody will be alerted of its urgent cases.</source>
        <translation>Off duty: no sounds, no pop-ups. Nobody else on duty covers %1: nobody will be alerted of its urgent cases.</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. Urgent cases go to whoever is on duty.</source>
        <translation>Off duty: no sounds, no pop-ups. Urgent cases go to whoever is on duty.</translation>
    </message>
    <message>
        <source>Back on duty at %s.</source>
        <translation>Back on duty at %s.</translation>
    </message>
</context>
<context>
    <name>OffDutyConfirmDialog</name>
    <message>
        <source>Go off duty?</source>
        <translation>Go off duty?</translation>
    </message>
    <message numerus="yes">
        <source>%n urgent case(s) of your roles are still open:</source>
        <translation>
            <numerusform>%n urgent case of your roles are still open:</numerusform>
            <numerusform>%n urgent cases of your roles are still open:</numerusform>
        </translation>
    </message>
    <message>
        <source>Urgent cases still open</source>
        <translation>Urgent cases still open</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Nobody else on duty covers %1: once you are off, nobody will be alerted of these cases or of new urgent ones.</source>
        <translation>Nobody else on duty covers %1: once you are off, nobody will be alerted of these cases or of new urgent ones.</translation>
    </message>
    <message>
        <source>Another desk on duty covers your roles and will be alerted.</source>
        <translation>Another desk on duty covers your roles and will be alerted.</translation>
    </message>
    <message>
        <source>Stay on duty</source>
        <translation>Stay on duty</translation>
    </message>
    <message>
        <source>Go off duty anyway</source>
        <translation>Go off duty anyway</translation>
    </message>
</context>
<context>
    <name>OffDutySummaryDialog</name>
    <message>
        <source>While you were off</source>
        <translation>While you were off</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>From %1 to %2</translation>
    </message>
    <message>
        <source>Cases per role</source>
        <translation>Cases per role</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Came in</source>
        <translation>Came in</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Still open</translation>
    </message>
    <message>
        <source>Urgent cases that came in</source>
        <translation>Urgent cases that came in</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more urgent case(s)</source>
        <translation>
            <numerusform>…and %n more urgent case</numerusform>
            <numerusform>…and %n more urgent cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Show urgent cases</source>
        <translation>Show urgent cases</translation>
    </message>
    <message>
        <source>Nothing came in for your roles.</source>
        <translation>Nothing came in for your roles.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) came in for your roles.</source>
        <translation>
            <numerusform>%n case came in for your roles.</numerusform>
            <numerusform>%n cases came in for your roles.</numerusform>
        </translation>
    </message>
    <message>
        <source>No urgent cases.</source>
        <translation>No urgent cases.</translation>
    </message>
    <message numerus="yes">
        <source>%n urgent case(s):</source>
        <translation>
            <numerusform>%n urgent case:</numerusform>
            <numerusform>%n urgent cases:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishStrip</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Undo: keep the reply as a draft</source>
        <translation>Undo: keep the reply as a draft</translation>
    </message>
</context>
<context>
    <name>RecordsPlots</name>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>%1: %2 cases</source>
        <translation>%1: %2 cases</translation>
    </message>
    <message>
        <source>Cases by role</source>
        <translation>Cases by role</translation>
    </message>
    <message>
        <source>Time to resolve</source>
        <translation>Time to resolve</translation>
    </message>
    <message>
        <source>% within target per week</source>
        <translation>% within target per week</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Week of %1</translation>
    </message>
    <message>
        <source>Backlog (open cases)</source>
        <translation>Backlog (open cases)</translation>
    </message>
    <message>
        <source>%1: %2 open</source>
        <translation>%1: %2 open</translation>
    </message>
    <message>
        <source>Arrivals by weekday and hour</source>
        <translation>Arrivals by weekday and hour</translation>
    </message>
    <message>
        <source>Heat map role</source>
        <translation>Heat map role</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>All roles</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>&amp;Plots</source>
        <translation>&amp;Plots</translation>
    </message>
    <message>
        <source>&amp;Measures</source>
        <translation>&amp;Measures</translation>
    </message>
    <message>
        <source>Click a bar, point or cell to list its cases.</source>
        <translation>Click a bar, point or cell to list its cases.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>&amp;Open case</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>&amp;Roles</source>
        <translation>&amp;Roles</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>By week</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>Weekly &amp;summary…</source>
        <translation>Weekly &amp;summary…</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>Export P&amp;NG…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>Export P&amp;DF…</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>My roles</source>
        <translation>My roles</translation>
    </message>
    <message>
        <source>%1 roles</source>
        <translation>%1 roles</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <source>still counting working hours (%1 %)</source>
        <translation>still counting working hours (%1 %)</translation>
    </message>
    <message>
        <source>Records this year</source>
        <translation>Records this year</translation>
    </message>
    <message>
        <source>Enter or double-click opens the case.</source>
        <translation>Enter or double-click opens the case.</translation>
    </message>
    <message>
        <source>Fastest fix: %1, %2, %3</source>
        <translation>Fastest fix: %1, %2, %3</translation>
    </message>
    <message>
        <source>No case resolved yet this year.</source>
        <translation>No case resolved yet this year.</translation>
    </message>
    <message>
        <source>The newest %1 cases; narrow the filters to see others.</source>
        <translation>The newest %1 cases; narrow the filters to see others.</translation>
    </message>
    <message>
        <source>%1 cases. Enter or double-click opens one.</source>
        <translation>%1 cases. Enter or double-click opens one.</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>Export as PNG</translation>
    </message>
    <message>
        <source>Export as PDF</source>
        <translation>Export as PDF</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>From %1 to %2</translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <source>Public reply</source>
        <translation>Public reply</translation>
    </message>
    <message>
        <source>Canned replies</source>
        <translation>Canned replies</translation>
    </message>
    <message>
        <source>Start from one of the town&apos;s canned replies</source>
        <translation>Start from one of the town&apos;s canned replies</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Reply text</translation>
    </message>
    <message>
        <source>Write a public reply to the citizen (published on X)…</source>
        <translation>Write a public reply to the citizen (published on X)…</translation>
    </message>
    <message>
        <source>Why the reply was not sent</source>
        <translation>Why the reply was not sent</translation>
    </message>
    <message>
        <source>Characters left</source>
        <translation>Characters left</translation>
    </message>
    <message>
        <source>Canned replies…</source>
        <translation>Canned replies…</translation>
    </message>
    <message>
        <source>This case was logged at the desk: there is no post to answer online.</source>
        <translation>This case was logged at the desk: there is no post to answer online.</translation>
    </message>
    <message>
        <source>Write a private reply to the citizen (sent on %1)…</source>
        <translation>Write a private reply to the citizen (sent on %1)…</translation>
    </message>
    <message>
        <source>Write a public reply to the citizen (published on %1)…</source>
        <translation>Write a public reply to the citizen (published on %1)…</translation>
    </message>
    <message>
        <source>Send the reply on %1 (Ctrl+Return)</source>
        <translation>Send the reply on %1 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Reply on %1</source>
        <translation>Reply on %1</translation>
    </message>
    <message>
        <source>Private reply to @%1 on %2</source>
        <translation>Private reply to @%1 on %2</translation>
    </message>
    <message>
        <source>Public reply to @%1 on %2</source>
        <translation>Public reply to @%1 on %2</translation>
    </message>
    <message>
        <source>the citizen</source>
        <translation>the citizen</translation>
    </message>
    <message>
        <source>Sending privately on %1 to %2… %3 s</source>
        <translation>Sending privately on %1 to %2… %3 s</translation>
    </message>
    <message>
        <source>Publishing on %1 to %2… %3 s</source>
        <translation>Publishing on %1 to %2… %3 s</translation>
    </message>
    <message>
        <source>Publishing as @%1 to %2… %3 s</source>
        <translation>Publishing as @%1 to %2… %3 s</translation>
    </message>
    <message>
        <source>Publishing as the town&apos;s account to %2… %3 s</source>
        <translation>Publishing as the town&apos;s account to %2… %3 s</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Send reply</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Characters left, counted as %1 counts them</source>
        <translation>Characters left, counted as %1 counts them</translation>
    </message>
    <message>
        <source>%1 characters left</source>
        <translation>%1 characters left</translation>
    </message>
    <message>
        <source>Publish the reply on X (Ctrl+Return)</source>
        <translation>Publish the reply on X (Ctrl+Return)</translation>
    </message>
</context>
<context>
    <name>RerouteDialog</name>
    <message>
        <source>Re-route the case</source>
        <translation>Re-route the case</translation>
    </message>
    <message>
        <source>Send it to</source>
        <translation>Send it to</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Why (the desk that receives it sees this; triage learns from it)</source>
        <translation>Why (the desk that receives it sees this; triage learns from it)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>e.g. the fountain belongs to the street crew</source>
        <translation>e.g. the fountain belongs to the street crew</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve the case</source>
        <translation>Resolve the case</translation>
    </message>
    <message>
        <source>Publish a closing reply</source>
        <translation>Publish a closing reply</translation>
    </message>
    <message>
        <source>Publish a closing reply where the citizen wrote</source>
        <translation>Publish a closing reply where the citizen wrote</translation>
    </message>
    <message>
        <source>Canned closing replies</source>
        <translation>Canned closing replies</translation>
    </message>
    <message>
        <source>Start from one of the town&apos;s closing replies</source>
        <translation>Start from one of the town&apos;s closing replies</translation>
    </message>
    <message>
        <source>Closing reply</source>
        <translation>Closing reply</translation>
    </message>
    <message>
        <source>e.g. Fixed, thank you for letting us know!</source>
        <translation>e.g. Fixed, thank you for letting us know!</translation>
    </message>
    <message>
        <source>Photo of the work done (optional)</source>
        <translation>Photo of the work done (optional)</translation>
    </message>
    <message>
        <source>The photo is published with the closing reply, so it needs one (JPEG, PNG, GIF or WEBP, at most 5 MB). It is also kept in the case&apos;s history.</source>
        <translation>The photo is published with the closing reply, so it needs one (JPEG, PNG, GIF or WEBP, at most 5 MB). It is also kept in the case&apos;s history.</translation>
    </message>
    <message>
        <source>Closing replies…</source>
        <translation>Closing replies…</translation>
    </message>
    <message>
        <source>Photo of the work done</source>
        <translation>Photo of the work done</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
    <message>
        <source>%1 characters left</source>
        <translation>%1 characters left</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>Choose photo…</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search all cases</source>
        <translation>Search all cases</translation>
    </message>
    <message>
        <source>Search all cases: words, @handles (3 letters or more)</source>
        <translation>Search all cases: words, @handles (3 letters or more)</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Filter by priority</source>
        <translation>Filter by priority</translation>
    </message>
    <message>
        <source>Filter by role</source>
        <translation>Filter by role</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Filter by date</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>Status: as the inbox</source>
        <translation>Status: as the inbox</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Any priority</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Any date</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Between…</translation>
    </message>
    <message>
        <source>Any role</source>
        <translation>Any role</translation>
    </message>
    <message>
        <source>Words: %1</source>
        <translation>Words: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Channels</translation>
    </message>
    <message>
        <source>Every role</source>
        <translation>Every role</translation>
    </message>
    <message>
        <source>Asking X…</source>
        <translation>Asking X…</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Connected as %1</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Not connected: %1</translation>
    </message>
    <message>
        <source>Choose at least one channel to read.</source>
        <translation>Choose at least one channel to read.</translation>
    </message>
    <message>
        <source>The secrets could not go to the keyring: %1</source>
        <translation>The secrets could not go to the keyring: %1</translation>
    </message>
    <message>
        <source>A desk needs at least one role.</source>
        <translation>A desk needs at least one role.</translation>
    </message>
    <message>
        <source>Role names are lowercase words joined by _ (police, street_cleaning): %1</source>
        <translation>Role names are lowercase words joined by _ (police, street_cleaning): %1</translation>
    </message>
    <message>
        <source>This is not an address JunDesk can use: %1</source>
        <translation>This is not an address JunDesk can use: %1</translation>
    </message>
    <message>
        <source>The hub address holds a password: passwords go to the keyring (&apos;jundesk hub join&apos;), never into the settings.</source>
        <translation>The hub address holds a password: passwords go to the keyring (&apos;jundesk hub join&apos;), never into the settings.</translation>
    </message>
    <message>
        <source>SLA targets are whole minutes: %1</source>
        <translation>SLA targets are whole minutes: %1</translation>
    </message>
    <message>
        <source>%1 is out of range (%2 to %3).</source>
        <translation>%1 is out of range (%2 to %3).</translation>
    </message>
    <message>
        <source>This value is not accepted: %1</source>
        <translation>This value is not accepted: %1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Desk name</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <source>e.g. police station</source>
        <translation>e.g. police station</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>who works here</source>
        <translation>who works here</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>police, street_cleaning</source>
        <translation>police, street_cleaning</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Roles, the account, the hub and the poll interval take effect when JunDesk starts again.</source>
        <translation>Roles, the account, the hub and the poll interval take effect when JunDesk starts again.</translation>
    </message>
    <message>
        <source>X account</source>
        <translation>X account</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API address</translation>
    </message>
    <message>
        <source>empty: X&apos;s own</source>
        <translation>empty: X&apos;s own</translation>
    </message>
    <message>
        <source>Poll every</source>
        <translation>Poll every</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Monthly read budget</source>
        <translation>Monthly read budget</translation>
    </message>
    <message>
        <source> posts</source>
        <translation> posts</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Town hub</source>
        <translation>Town hub</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <source>postgresql://desk@hub/town; empty: this desk alone</source>
        <translation>postgresql://desk@hub/town; empty: this desk alone</translation>
    </message>
    <message>
        <source>The hub&apos;s password stays in the keyring (&apos;jundesk hub join&apos;), never here.</source>
        <translation>The hub&apos;s password stays in the keyring (&apos;jundesk hub join&apos;), never here.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Play a sound with notifications</source>
        <translation>Play a sound with notifications</translation>
    </message>
    <message>
        <source>Pop up for these priorities of my roles:</source>
        <translation>Pop up for these priorities of my roles:</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Repeat the escalation sound every</source>
        <translation>Repeat the escalation sound every</translation>
    </message>
    <message>
        <source>Minutes to acknowledge (SLA targets); an urgent case past its target escalates:</source>
        <translation>Minutes to acknowledge (SLA targets); an urgent case past its target escalates:</translation>
    </message>
</context>
<context>
    <name>SlaDisplay</name>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <source>Arrived %1.</source>
        <translation>Arrived %1.</translation>
    </message>
    <message>
        <source>Target: acknowledge %1 cases of %2 within %3.</source>
        <translation>Target: acknowledge %1 cases of %2 within %3.</translation>
    </message>
    <message>
        <source>Acknowledged: the timer has stopped.</source>
        <translation>Acknowledged: the timer has stopped.</translation>
    </message>
    <message>
        <source>Escalated: nobody acknowledged it in time.</source>
        <translation>Escalated: nobody acknowledged it in time.</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <source>The database%1 can&apos;t be written: the file or its folder is read-only. Give your user write permission on both, then try again.</source>
        <translation>The database%1 can&apos;t be written: the file or its folder is read-only. Give your user write permission on both, then try again.</translation>
    </message>
    <message>
        <source>The disk holding the database%1 is full; nothing was saved. Free some space on it, then try again.</source>
        <translation>The disk holding the database%1 is full; nothing was saved. Free some space on it, then try again.</translation>
    </message>
    <message>
        <source>The database%1 stayed locked by another program for too long; nothing was saved. Close other copies of JunDesk using the same file, then try again.</source>
        <translation>The database%1 stayed locked by another program for too long; nothing was saved. Close other copies of JunDesk using the same file, then try again.</translation>
    </message>
    <message>
        <source>The file%1 is not a JunDesk database or is damaged. Restore it from a backup.</source>
        <translation>The file%1 is not a JunDesk database or is damaged. Restore it from a backup.</translation>
    </message>
    <message>
        <source>The database%1 can&apos;t be opened. Check that the folder exists, that your user may write to it, and that the disk is mounted.</source>
        <translation>The database%1 can&apos;t be opened. Check that the folder exists, that your user may write to it, and that the disk is mounted.</translation>
    </message>
    <message>
        <source>Reading or writing the database%1 failed at the disk; nothing was saved. Check the disk (or network drive), then try again.</source>
        <translation>Reading or writing the database%1 failed at the disk; nothing was saved. Check the disk (or network drive), then try again.</translation>
    </message>
    <message>
        <source>There is no JunDesk database%1; nothing was created.</source>
        <translation>There is no JunDesk database%1; nothing was created.</translation>
    </message>
    <message>
        <source>The database%1 was written by a newer version of JunDesk; this one can&apos;t read it and left it untouched. Update JunDesk, then try again.</source>
        <translation>The database%1 was written by a newer version of JunDesk; this one can&apos;t read it and left it untouched. Update JunDesk, then try again.</translation>
    </message>
    <message>
        <source>The database%1 was written by an older version of JunDesk and needs upgrading: close JunDesk and open it again.</source>
        <translation>The database%1 was written by an older version of JunDesk and needs upgrading: close JunDesk and open it again.</translation>
    </message>
    <message>
        <source>A search needs at least 3 letters or digits; nothing was searched. Type more of the word.</source>
        <translation>A search needs at least 3 letters or digits; nothing was searched. Type more of the word.</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show JunDesk</source>
        <translation>Show JunDesk</translation>
    </message>
    <message>
        <source>Duty and notifications…</source>
        <translation>Duty and notifications…</translation>
    </message>
    <message>
        <source>Quit JunDesk</source>
        <translation>Quit JunDesk</translation>
    </message>
    <message>
        <source>JunDesk: off duty until %s</source>
        <translation>JunDesk: off duty until %s</translation>
    </message>
    <message>
        <source>JunDesk: off duty, notifications are silenced</source>
        <translation>JunDesk: off duty, notifications are silenced</translation>
    </message>
    <message numerus="yes">
        <source>JunDesk: %n urgent case(s) not acknowledged in time</source>
        <translation>
            <numerusform>JunDesk: %n urgent case not acknowledged in time</numerusform>
            <numerusform>JunDesk: %n urgent cases not acknowledged in time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>JunDesk: %n urgent case(s) not seen yet</source>
        <translation>
            <numerusform>JunDesk: %n urgent case not seen yet</numerusform>
            <numerusform>JunDesk: %n urgent cases not seen yet</numerusform>
        </translation>
    </message>
    <message>
        <source>JunDesk: on duty</source>
        <translation>JunDesk: on duty</translation>
    </message>
</context>
<context>
    <name>WeeklySummaryDialog</name>
    <message>
        <source>Weekly summary</source>
        <translation>Weekly summary</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Week of %1</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Week</translation>
    </message>
    <message>
        <source>&amp;Language of the post</source>
        <translation>&amp;Language of the post</translation>
    </message>
    <message>
        <source>The post</source>
        <translation>The post</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Publish on the town&apos;s account</source>
        <translation>&amp;Publish on the town&apos;s account</translation>
    </message>
    <message>
        <source>Drafting…</source>
        <translation>Drafting…</translation>
    </message>
    <message>
        <source>%1 characters left</source>
        <translation>%1 characters left</translation>
    </message>
    <message>
        <source>Not published.</source>
        <translation>Not published.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publishing…</translation>
    </message>
    <message>
        <source>the town&apos;s account</source>
        <translation>the town&apos;s account</translation>
    </message>
    <message>
        <source>Publishing as %1 in %2 s</source>
        <translation>Publishing as %1 in %2 s</translation>
    </message>
    <message>
        <source>Published.</source>
        <translation>Published.</translation>
    </message>
</context>
</TS>
