<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
<context>
    <name></name>
    <message>
        <source>Audit log</source>
        <translation>Revisionslog</translation>
    </message>
    <message>
        <source>Search match, reference, action, person…</source>
        <translation>Søg afstemning, reference, handling, person…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Kontrollér</translation>
    </message>
    <message>
        <source>Check that no event was changed, removed, inserted or reordered</source>
        <translation>Kontrollér at ingen hændelse er ændret, fjernet, indsat eller flyttet</translation>
    </message>
    <message>
        <source>{0} events</source>
        <translation>{0} hændelser</translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation>Kontrollerer kæden…</translation>
    </message>
    <message>
        <source>The audit log is intact: {0} events, head hash {1}…</source>
        <translation>Revisionsloggen er intakt: {0} hændelser, seneste hash {1}…</translation>
    </message>
    <message>
        <source>The audit log was tampered with: {0}</source>
        <translation>Der er pillet ved revisionsloggen: {0}</translation>
    </message>
    <message>
        <source>Could not read the audit log</source>
        <translation>Revisionsloggen kunne ikke læses</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Overblik</translation>
    </message>
    <message>
        <source>Platform money per day in the bank: matched, proposed and open amounts</source>
        <translation>Platformspenge pr. dag i banken: afstemte, foreslåede og åbne beløb</translation>
    </message>
    <message>
        <source>Platform lines per source</source>
        <translation>Platformslinjer pr. kilde</translation>
    </message>
    <message>
        <source>Nothing in this period yet: sync to fetch it.</source>
        <translation>Intet i perioden endnu: hent data for at se det.</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Afstemt</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Foreslået</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åben</translation>
    </message>
    <message>
        <source>of the platform bank lines matched</source>
        <translation>af platformens banklinjer afstemt</translation>
    </message>
    <message>
        <source>of the platform amount matched</source>
        <translation>af platformsbeløbet afstemt</translation>
    </message>
    <message>
        <source>Platform money: bank lines in the period</source>
        <translation>Platformspenge: banklinjer i perioden</translation>
    </message>
    <message>
        <source>Only platform money is counted. No bank lines are set aside by rules.</source>
        <translation>Kun platformspenge tælles med. Ingen banklinjer er lagt til side af regler.</translation>
    </message>
    <message>
        <source>Platform money only. Counted apart, {0} bank lines that are not platform money:</source>
        <translation>Kun platformspenge. Talt for sig: {0} banklinjer, der ikke er platformspenge:</translation>
    </message>
    <message>
        <source>{0} bank lines in other currencies are not counted.</source>
        <translation>{0} banklinjer i andre valutaer er ikke talt med.</translation>
    </message>
    <message>
        <source>The computer refused an operation: {0}</source>
        <translation>Computeren afviste en handling: {0}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Nothing was half-saved; you can try again.</source>
        <translation>Noget uventet gik galt. Intet er gemt halvt; du kan prøve igen.</translation>
    </message>
    <message>
        <source>The details are in {0}</source>
        <translation>Detaljerne står i {0}</translation>
    </message>
    <message>
        <source>Loading {0} – {1}…</source>
        <translation>Indlæser {0} – {1}…</translation>
    </message>
    <message>
        <source>Could not load the period</source>
        <translation>Perioden kunne ikke indlæses</translation>
    </message>
    <message>
        <source>{0} proposals, {1} platform lines, {2} bank lines.</source>
        <translation>{0} forslag, {1} platformslinjer, {2} banklinjer.</translation>
    </message>
    <message>
        <source>{0} by {1} just now</source>
        <translation>{0} af {1} lige nu</translation>
    </message>
    <message>
        <source>Select at least one bank line and one platform line, in one currency.</source>
        <translation>Vælg mindst én banklinje og én platformslinje i samme valuta.</translation>
    </message>
    <message>
        <source>Only proposed or parked matches can be corrected.</source>
        <translation>Kun foreslåede eller parkerede afstemninger kan rettes.</translation>
    </message>
    <message>
        <source>Correcting {0}: change the selection on both sides, then save the correction.</source>
        <translation>Retter {0}: ændr markeringen på begge sider, og gem så rettelsen.</translation>
    </message>
    <message>
        <source>Select open bank lines to set aside.</source>
        <translation>Vælg åbne banklinjer, der skal lægges til side.</translation>
    </message>
    <message>
        <source>Not platform money</source>
        <translation>Ikke platformspenge</translation>
    </message>
    <message>
        <source>{0} bank lines are:</source>
        <translation>{0} banklinjer er:</translation>
    </message>
    <message>
        <source>{0} bank lines set aside as {1}.</source>
        <translation>{0} banklinjer lagt til side som {1}.</translation>
    </message>
    <message>
        <source>Could not set the lines aside</source>
        <translation>Linjerne kunne ikke lægges til side</translation>
    </message>
    <message>
        <source>Select bank lines that are set aside.</source>
        <translation>Vælg banklinjer, der er lagt til side.</translation>
    </message>
    <message>
        <source>{0} bank lines are open again.</source>
        <translation>{0} banklinjer er åbne igen.</translation>
    </message>
    <message>
        <source>Could not open the lines again</source>
        <translation>Linjerne kunne ikke åbnes igen</translation>
    </message>
    <message>
        <source>No config file: start econdesk with --config or run econdesk init.</source>
        <translation>Ingen konfigurationsfil: start econdesk med --config, eller kør econdesk init.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Indstillingerne er gemt.</translation>
    </message>
    <message>
        <source>Reconciliation report</source>
        <translation>Afstemningsrapport</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-projektmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>econdesk – reconciliation</source>
        <translation>econdesk – afstemning</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Godkend</translation>
    </message>
    <message>
        <source>Approve the selected proposals (A)</source>
        <translation>Godkend de valgte forslag (A)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Afvis</translation>
    </message>
    <message>
        <source>Reject: the lines become open again (R)</source>
        <translation>Afvis: linjerne bliver åbne igen (R)</translation>
    </message>
    <message>
        <source>&amp;Park</source>
        <translation>&amp;Parkér</translation>
    </message>
    <message>
        <source>Park for later (P)</source>
        <translation>Parkér til senere (P)</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>&amp;Genåbn</translation>
    </message>
    <message>
        <source>Back to proposed (O)</source>
        <translation>Tilbage til foreslået (O)</translation>
    </message>
    <message>
        <source>Approve and &amp;go on</source>
        <translation>Godkend og &amp;gå videre</translation>
    </message>
    <message>
        <source>Approve, then on to the next undecided proposal (Space)</source>
        <translation>Godkend, og gå videre til næste uafgjorte forslag (mellemrum)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Næste</translation>
    </message>
    <message>
        <source>Next proposal (J or Down)</source>
        <translation>Næste forslag (J eller pil ned)</translation>
    </message>
    <message>
        <source>P&amp;revious</source>
        <translation>&amp;Forrige</translation>
    </message>
    <message>
        <source>Previous proposal (K or Up)</source>
        <translation>Forrige forslag (K eller pil op)</translation>
    </message>
    <message>
        <source>&amp;Correct…</source>
        <translation>&amp;Ret…</translation>
    </message>
    <message>
        <source>Change which lines the proposal holds (C)</source>
        <translation>Ret hvilke linjer forslaget omfatter (C)</translation>
    </message>
    <message>
        <source>&amp;Voucher preview</source>
        <translation>&amp;Vis bilag</translation>
    </message>
    <message>
        <source>The voucher this match will post (V)</source>
        <translation>Bilaget som afstemningen vil overføre (V)</translation>
    </message>
    <message>
        <source>&amp;Match selected</source>
        <translation>&amp;Afstem valgte</translation>
    </message>
    <message>
        <source>Match the selected lines by hand (M)</source>
        <translation>Afstem de valgte linjer manuelt (M)</translation>
    </message>
    <message>
        <source>Re&amp;verse posted voucher…</source>
        <translation>&amp;Tilbagefør bogført bilag…</translation>
    </message>
    <message>
        <source>Post a voucher reversing this posted match&apos;s; it becomes proposed again</source>
        <translation>Bogfør et bilag, der tilbagefører denne bogførte afstemnings; den bliver foreslået igen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Fortryd</translation>
    </message>
    <message>
        <source>Undo the last decision (Ctrl+Z)</source>
        <translation>Fortryd den seneste beslutning (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Approve all &amp;auto</source>
        <translation>Godkend alle &amp;automatiske</translation>
    </message>
    <message>
        <source>Approve every proposal marked safe (Ctrl+Shift+A)</source>
        <translation>Godkend alle forslag markeret som sikre (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Genindlæs</translation>
    </message>
    <message>
        <source>Load the period again (F5)</source>
        <translation>Indlæs perioden igen (F5)</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>&amp;Hent</translation>
    </message>
    <message>
        <source>Fetch new bank entries and platform transactions (Ctrl+Shift+F)</source>
        <translation>Hent nye bankposteringer og platformstransaktioner (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>&amp;Match</source>
        <translation>&amp;Afstem</translation>
    </message>
    <message>
        <source>Propose matches for everything open (Ctrl+Shift+M)</source>
        <translation>Foreslå afstemninger for alt åbent (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>&amp;Post…</source>
        <translation>&amp;Overfør…</translation>
    </message>
    <message>
        <source>Post the approved matches to e-conomic (Ctrl+Shift+P)</source>
        <translation>Overfør de godkendte afstemninger til e-conomic (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <source>Write the reconciliation report workbook (Ctrl+E)</source>
        <translation>Skriv afstemningsrapporten som Excel-projektmappe (Ctrl+E)</translation>
    </message>
    <message>
        <source>Sign &amp;off period…</source>
        <translation>Afslut &amp;perioden…</translation>
    </message>
    <message>
        <source>Sign off, approve or reopen the month: a signed-off month is locked</source>
        <translation>Afslut, godkend eller genåbn måneden: en afsluttet måned er låst</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Søg</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>Søg (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Overblik</translation>
    </message>
    <message>
        <source>The period&apos;s platform money at a glance (Ctrl+D)</source>
        <translation>Periodens platformspenge i et overblik (Ctrl+D)</translation>
    </message>
    <message>
        <source>Re&amp;view</source>
        <translation>&amp;Gennemgang</translation>
    </message>
    <message>
        <source>The proposals and the lines (Ctrl+1)</source>
        <translation>Forslagene og linjerne (Ctrl+1)</translation>
    </message>
    <message>
        <source>R&amp;ules…</source>
        <translation>Reg&amp;ler…</translation>
    </message>
    <message>
        <source>Rules for the bank lines that are not platform money (Ctrl+3)</source>
        <translation>Regler for de banklinjer, der ikke er platformspenge (Ctrl+3)</translation>
    </message>
    <message>
        <source>&amp;Not platform money…</source>
        <translation>&amp;Ikke platformspenge…</translation>
    </message>
    <message>
        <source>Set the selected bank lines aside: rent, wages, tax… (N)</source>
        <translation>Læg de valgte banklinjer til side: husleje, løn, skat… (N)</translation>
    </message>
    <message>
        <source>Back to &amp;open</source>
        <translation>Tilbage til &amp;åben</translation>
    </message>
    <message>
        <source>The selected lines set aside are open again (Shift+N)</source>
        <translation>De valgte linjer, der er lagt til side, bliver åbne igen (Skift+N)</translation>
    </message>
    <message>
        <source>&amp;Clearing roll-forward…</source>
        <translation>&amp;Mellemregningskonti, bevægelser…</translation>
    </message>
    <message>
        <source>Each clearing account&apos;s balance: what moved it and what is left on it</source>
        <translation>Hver mellemregningskontos saldo: hvad der har bevæget den, og hvad der står tilbage</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Gennemgang</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regler</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Indstillinger…</translation>
    </message>
    <message>
        <source>Connections, mappings, matching and the database</source>
        <translation>Forbindelser, kontering, afstemning og database</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>&amp;Revisionslog…</translation>
    </message>
    <message>
        <source>Every change, and a check that none was tampered with</source>
        <translation>Alle ændringer, og en kontrol af at der ikke er pillet ved dem</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>Quit econdesk</source>
        <translation>Afslut econdesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Gennemgang</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprog</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Stopping safely…</source>
        <translation>Stopper sikkert…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopper…</translation>
    </message>
    <message>
        <source>{0} is {1} and cannot be {2}.</source>
        <translation>{0} er {1} og kan ikke blive {2}.</translation>
    </message>
    <message>
        <source>No auto-approvable proposals here.</source>
        <translation>Ingen forslag her kan godkendes automatisk.</translation>
    </message>
    <message>
        <source>Approved automatically</source>
        <translation>Godkendt automatisk</translation>
    </message>
    <message>
        <source>{0}: {1}  (Ctrl+Z undoes)</source>
        <translation>{0}: {1}  (Ctrl+Z fortryder)</translation>
    </message>
    <message>
        <source>Could not save the decision</source>
        <translation>Beslutningen kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Intet at fortryde.</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Fortrudt: {0}</translation>
    </message>
    <message>
        <source>Could not undo</source>
        <translation>Kunne ikke fortryde</translation>
    </message>
    <message>
        <source>Manual match</source>
        <translation>Manuel afstemning</translation>
    </message>
    <message>
        <source>Matched by hand as {0} (approved).</source>
        <translation>Afstemt manuelt som {0} (godkendt).</translation>
    </message>
    <message>
        <source>Could not match the selected lines</source>
        <translation>De valgte linjer kunne ikke afstemmes</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Rettelse</translation>
    </message>
    <message>
        <source>Corrected {0}.  (Ctrl+Z undoes)</source>
        <translation>{0} er rettet.  (Ctrl+Z fortryder)</translation>
    </message>
    <message>
        <source>Could not save the correction</source>
        <translation>Rettelsen kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Every proposal here is decided.</source>
        <translation>Alle forslag her er afgjort.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Generelt</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Platforme</translation>
    </message>
    <message>
        <source>Mappings</source>
        <translation>Kontering</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>Afstemning</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Your name in the audit log</source>
        <translation>Dit navn i revisionsloggen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Følg systemet</translation>
    </message>
    <message>
        <source>REST address</source>
        <translation>REST-adresse</translation>
    </message>
    <message>
        <source>Journals API address</source>
        <translation>Journals API-adresse</translation>
    </message>
    <message>
        <source>App secret token</source>
        <translation>App secret token</translation>
    </message>
    <message>
        <source>Agreement grant token</source>
        <translation>Agreement grant token</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Bankkonto</translation>
    </message>
    <message>
        <source>Daybook for vouchers</source>
        <translation>Kassekladde til bilag</translation>
    </message>
    <message>
        <source>Open invoices</source>
        <translation>Åbne fakturaer</translation>
    </message>
    <message>
        <source>Match transfers to the invoices booked in e-conomic</source>
        <translation>Match overførsler med fakturaerne bogført i e-conomic</translation>
    </message>
    <message>
        <source>stored in the keyring; type to replace</source>
        <translation>gemt i nøglering; skriv for at erstatte</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test forbindelse</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-nøgle</translation>
    </message>
    <message>
        <source>No platform is configured yet: add a [providers.NAME] section to the config file (see README).</source>
        <translation>Ingen platform er sat op endnu: tilføj et [providers.NAVN]-afsnit i konfigurationsfilen (se README).</translation>
    </message>
    <message>
        <source>Auto-approve from score</source>
        <translation>Godkend automatisk fra score</translation>
    </message>
    <message>
        <source>…when the runner-up is this far behind</source>
        <translation>…når næstbedste ligger så langt efter</translation>
    </message>
    <message>
        <source>Payout reaches the bank within (days)</source>
        <translation>Udbetaling når banken inden for (dage)</translation>
    </message>
    <message>
        <source>Payment reaches the bank within (days)</source>
        <translation>Betaling når banken inden for (dage)</translation>
    </message>
    <message>
        <source>SQLite file (one computer)</source>
        <translation>SQLite-fil (én computer)</translation>
    </message>
    <message>
        <source>PostgreSQL (a team)</source>
        <translation>PostgreSQL (et team)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Gennemse…</translation>
    </message>
    <message>
        <source>Test database</source>
        <translation>Test database</translation>
    </message>
    <message>
        <source>A new database is used from the next start of econdesk.</source>
        <translation>En ny database tages i brug næste gang econdesk startes.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Forbinder…</translation>
    </message>
    <message>
        <source>Connected to {0}</source>
        <translation>Forbundet til {0}</translation>
    </message>
    <message>
        <source>Reached {0}</source>
        <translation>Fandt {0}</translation>
    </message>
    <message>
        <source>SQLite database file</source>
        <translation>SQLite-databasefil</translation>
    </message>
    <message>
        <source>Choose how {0} is booked (Platforms tab): e-conomic may hold its sales or payments already.</source>
        <translation>Vælg, hvordan {0} bogføres (fanen Platforme): e-conomic kan allerede indeholde salget eller betalingerne.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Gemmer…</translation>
    </message>
    <message>
        <source>Could not read the settings</source>
        <translation>Indstillingerne kunne ikke læses</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Clearing account</source>
        <translation>Mellemregningskonto</translation>
    </message>
    <message>
        <source>Fee account</source>
        <translation>Gebyrkonto</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>Tolerance</translation>
    </message>
    <message>
        <source>Tolerance %</source>
        <translation>Tolerance %</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Revenue account</source>
        <translation>Omsætningskonto</translation>
    </message>
    <message>
        <source>VAT code</source>
        <translation>Momskode</translation>
    </message>
    <message>
        <source>Platform customer</source>
        <translation>Kunde på platformen</translation>
    </message>
    <message>
        <source>e-conomic customer no.</source>
        <translation>Kundenr. i e-conomic</translation>
    </message>
    <message>
        <source>Plans: revenue account and VAT code</source>
        <translation>Abonnementer: omsætningskonto og momskode</translation>
    </message>
    <message>
        <source>Customers paying against booked invoices</source>
        <translation>Kunder der betaler bogførte fakturaer</translation>
    </message>
    <message>
        <source>Add plan</source>
        <translation>Tilføj abonnement</translation>
    </message>
    <message>
        <source>Add customer</source>
        <translation>Tilføj kunde</translation>
    </message>
    <message>
        <source>Difference account</source>
        <translation>Differencekonto</translation>
    </message>
    <message>
        <source>Default revenue account</source>
        <translation>Standard omsætningskonto</translation>
    </message>
    <message>
        <source>Default VAT code</source>
        <translation>Standard momskode</translation>
    </message>
    <message>
        <source>Mappings as the config file gives them (not edited yet)</source>
        <translation>Konteringen som konfigurationsfilen angiver (ikke rettet endnu)</translation>
    </message>
    <message>
        <source>Mappings version {0}</source>
        <translation>Kontering version {0}</translation>
    </message>
    <message>
        <source>{0} in row {1} must be a number, not {2!r}</source>
        <translation>{0} i række {1} skal være et tal, ikke {2!r}</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundenummer</translation>
    </message>
    <message>
        <source>{0!r} is not an amount</source>
        <translation>{0!r} er ikke et beløb</translation>
    </message>
    <message>
        <source>A tolerance cannot be negative: {0}</source>
        <translation>En tolerance kan ikke være negativ: {0}</translation>
    </message>
    <message>
        <source>The mappings fit the agreement.</source>
        <translation>Konteringen passer til aftalen.</translation>
    </message>
    <message>
        <source>The agreement has no such entry (or it is barred).</source>
        <translation>Aftalen har ikke denne (eller den er spærret).</translation>
    </message>
    <message>
        <source>no VAT</source>
        <translation>ingen moms</translation>
    </message>
    <message>
        <source>Voucher preview…</source>
        <translation>Vis bilag…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>Ret…</translation>
    </message>
    <message>
        <source>Change which lines this proposal holds (C)</source>
        <translation>Ret hvilke linjer dette forslag omfatter (C)</translation>
    </message>
    <message>
        <source>Why it was proposed</source>
        <translation>Hvorfor det blev foreslået</translation>
    </message>
    <message>
        <source>Select a proposal to see why it was made.</source>
        <translation>Vælg et forslag for at se hvorfor det blev lavet.</translation>
    </message>
    <message>
        <source>score</source>
        <translation>score</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Omsætning</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refusion</translation>
    </message>
    <message>
        <source>Chargeback</source>
        <translation>Tilbageførsel</translation>
    </message>
    <message>
        <source>Customer payment</source>
        <translation>Kundeindbetaling</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebyr</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Regulering</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>Afrunding</translation>
    </message>
    <message>
        <source>Exchange difference</source>
        <translation>Kursdifference</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Overførsel</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <source>Acquirer posting</source>
        <translation>Indløserpostering</translation>
    </message>
    <message>
        <source>Clearing</source>
        <translation>Mellemregning</translation>
    </message>
    <message>
        <source>Debtor</source>
        <translation>Debitor</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andet</translation>
    </message>
    <message>
        <source>Voucher for {0}</source>
        <translation>Bilag for {0}</translation>
    </message>
    <message>
        <source>Effect per account</source>
        <translation>Virkning pr. konto</translation>
    </message>
    <message>
        <source>, exchange rate {0} per 100</source>
        <translation>, kurs {0} pr. 100</translation>
    </message>
    <message>
        <source>deposit</source>
        <translation>indbetaling</translation>
    </message>
    <message>
        <source>marker</source>
        <translation>mærke</translation>
    </message>
    <message>
        <source>Daybook {0}, accounting year {1}</source>
        <translation>Kassekladde {0}, regnskabsår {1}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>I alt</translation>
    </message>
    <message>
        <source>the deposit the bank feed booked there</source>
        <translation>indbetalingen, som banken bogførte der</translation>
    </message>
    <message>
        <source>the payments the integration booked there</source>
        <translation>betalingerne, som integrationen bogførte der</translation>
    </message>
    <message>
        <source>the sales econdesk booked there</source>
        <translation>salget, som econdesk bogførte der</translation>
    </message>
    <message>
        <source>Stays on clearing account {0} for this payout: {1}</source>
        <translation>Tilbage på mellemregningskonto {0} for denne udbetaling: {1}</translation>
    </message>
    <message>
        <source>this voucher {0}</source>
        <translation>dette bilag {0}</translation>
    </message>
    <message>
        <source>the deposit is not yet on the bank account in e-conomic</source>
        <translation>indbetalingen står endnu ikke på bankkontoen i e-conomic</translation>
    </message>
    <message>
        <source>Payments and sales booked into it</source>
        <translation>Betalinger og salg bogført på den</translation>
    </message>
    <message>
        <source>Payouts to the bank</source>
        <translation>Udbetalinger til banken</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Gebyrer</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Differencer</translation>
    </message>
    <message>
        <source>Transfers between clearing accounts</source>
        <translation>Overførsler mellem mellemregningskonti</translation>
    </message>
    <message>
        <source>Other entries</source>
        <translation>Andre posteringer</translation>
    </message>
    <message>
        <source>econdesk</source>
        <translation>econdesk</translation>
    </message>
    <message>
        <source>others</source>
        <translation>andre</translation>
    </message>
    <message>
        <source>Open: deposit awaiting its voucher</source>
        <translation>Åben: indbetaling venter på sit bilag</translation>
    </message>
    <message>
        <source>Open: paid out, not yet in bank</source>
        <translation>Åben: udbetalt, endnu ikke i banken</translation>
    </message>
    <message>
        <source>Open: payment not yet paid out</source>
        <translation>Åben: betaling endnu ikke udbetalt</translation>
    </message>
    <message>
        <source>Open: paid out, voucher not posted</source>
        <translation>Åben: udbetalt, bilag ikke bogført</translation>
    </message>
    <message>
        <source>Clearing roll-forward</source>
        <translation>Mellemregning, bevægelser</translation>
    </message>
    <message>
        <source>Clearing accounts from {0} to {1}, as e-conomic holds them (drafts included)</source>
        <translation>Mellemregningskonti fra {0} til {1}, som e-conomic har dem (kladder medregnet)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>Booked by</source>
        <translation>Bogført af</translation>
    </message>
    <message>
        <source>Reverse a posted voucher</source>
        <translation>Tilbagefør et bogført bilag</translation>
    </message>
    <message>
        <source>Post a voucher to e-conomic that reverses voucher {0} of {1} (the same lines with opposite signs). The match becomes proposed again.</source>
        <translation>Bogfør et bilag i e-conomic, der tilbagefører bilag {0} for {1} (de samme linjer med modsat fortegn). Afstemningen bliver foreslået igen.</translation>
    </message>
    <message>
        <source>Why, for the audit log and the bilag</source>
        <translation>Hvorfor – til revisionssporet og bilaget</translation>
    </message>
    <message>
        <source>Book it on another day (the original&apos;s period is closed)</source>
        <translation>Bogfør den på en anden dag (originalens periode er lukket)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begrundelse</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>Tilbagefør</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Posteringer</translation>
    </message>
    <message>
        <source>Base amount</source>
        <translation>Beløb i grundvaluta</translation>
    </message>
    <message>
        <source>No clearing accounts are configured.</source>
        <translation>Ingen mellemregningskonti er sat op.</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>Primosaldo</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>Ultimosaldo</translation>
    </message>
    <message>
        <source>Left, not explained by open items</source>
        <translation>Rest, ikke forklaret af åbne poster</translation>
    </message>
    <message>
        <source>{0}, in the bank {1}</source>
        <translation>{0}, i banken {1}</translation>
    </message>
    <message>
        <source>not matched</source>
        <translation>ikke afstemt</translation>
    </message>
    <message>
        <source>no payout yet</source>
        <translation>ingen udbetaling endnu</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>Moms</translation>
    </message>
    <message>
        <source>Contra account</source>
        <translation>Modkonto</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Debet</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Kredit</translation>
    </message>
    <message>
        <source>customer {0}</source>
        <translation>kunde {0}</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Linjer</translation>
    </message>
    <message>
        <source>What is sent to e-conomic</source>
        <translation>Det der sendes til e-conomic</translation>
    </message>
    <message>
        <source>made of:</source>
        <translation>består af:</translation>
    </message>
    <message>
        <source>Bank total</source>
        <translation>Bank i alt</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Save correction of {0}</source>
        <translation>Gem rettelsen af {0}</translation>
    </message>
    <message>
        <source>Match selected (M)</source>
        <translation>Afstem valgte (M)</translation>
    </message>
    <message>
        <source>Cancel correction</source>
        <translation>Annullér rettelsen</translation>
    </message>
    <message>
        <source>The selection mixes currencies.</source>
        <translation>Markeringen blander valutaer.</translation>
    </message>
    <message>
        <source>Select bank lines and platform lines to match them by hand.</source>
        <translation>Markér banklinjer og platformslinjer for at afstemme dem manuelt.</translation>
    </message>
    <message>
        <source>Platform net</source>
        <translation>Platform netto</translation>
    </message>
    <message>
        <source>Fee inferred</source>
        <translation>Beregnet gebyr</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle kilder</translation>
    </message>
    <message>
        <source>Search text, amount, customer, reference… (Ctrl+F)</source>
        <translation>Søg tekst, beløb, kunde, reference… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Kilde</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>Kun åbne</translation>
    </message>
    <message>
        <source>Hide lines that a match already holds</source>
        <translation>Skjul linjer som allerede indgår i en afstemning</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} af {1}</translation>
    </message>
    <message>
        <source>Another job is still running.</source>
        <translation>Et andet job kører stadig.</translation>
    </message>
    <message>
        <source>Fetched: {0} new, {1} changed, {2} unchanged.</source>
        <translation>Hentet: {0} nye, {1} ændrede, {2} uændrede.</translation>
    </message>
    <message>
        <source>Stopped on request; the next fetch goes on from there.</source>
        <translation>Stoppet efter ønske; næste hentning fortsætter derfra.</translation>
    </message>
    <message>
        <source>{0} failed: {1}</source>
        <translation>{0} fejlede: {1}</translation>
    </message>
    <message>
        <source>Fetching</source>
        <translation>Henter</translation>
    </message>
    <message>
        <source>Fetching bank entries and platform transactions…</source>
        <translation>Henter bankposteringer og platformstransaktioner…</translation>
    </message>
    <message>
        <source>Could not fetch</source>
        <translation>Kunne ikke hente</translation>
    </message>
    <message>
        <source>{0} new proposals, {1} safe to approve; {2} bank lines still open.</source>
        <translation>{0} nye forslag, {1} sikre at godkende; {2} banklinjer er stadig åbne.</translation>
    </message>
    <message>
        <source>{0} matched a moment ago.</source>
        <translation>{0} afstemte for et øjeblik siden.</translation>
    </message>
    <message>
        <source>Matching bank entries with platform payouts and payments…</source>
        <translation>Afstemmer bankposteringer med udbetalinger og betalinger…</translation>
    </message>
    <message>
        <source>Could not match</source>
        <translation>Kunne ikke afstemme</translation>
    </message>
    <message>
        <source>Nothing to post: no approved matches here.</source>
        <translation>Intet at overføre: ingen godkendte afstemninger her.</translation>
    </message>
    <message>
        <source>Post to e-conomic</source>
        <translation>Overfør til e-conomic</translation>
    </message>
    <message>
        <source>Post {0} approved matches as vouchers to daybook {1}?</source>
        <translation>Overfør {0} godkendte afstemninger som bilag til kassekladde {1}?</translation>
    </message>
    <message>
        <source>Posted {0} of {1} vouchers.</source>
        <translation>{0} af {1} bilag er overført.</translation>
    </message>
    <message>
        <source>Posted {0} daily sales summaries.</source>
        <translation>{0} daglige salgsopgørelser er overført.</translation>
    </message>
    <message>
        <source>Stopped on request; the rest stay approved.</source>
        <translation>Stoppet efter ønske; resten forbliver godkendt.</translation>
    </message>
    <message>
        <source>{0} bilag attached in e-conomic.</source>
        <translation>{0} bilag vedhæftet i e-conomic.</translation>
    </message>
    <message>
        <source>{0} bilag not attached yet; the next posting attaches them.</source>
        <translation>{0} bilag er ikke vedhæftet endnu; næste overførsel vedhæfter dem.</translation>
    </message>
    <message>
        <source>Not everything was posted</source>
        <translation>Ikke alt blev overført</translation>
    </message>
    <message>
        <source>These stay approved and can be posted again:</source>
        <translation>Disse forbliver godkendt og kan overføres igen:</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Overfører</translation>
    </message>
    <message>
        <source>Posting vouchers to e-conomic…</source>
        <translation>Overfører bilag til e-conomic…</translation>
    </message>
    <message>
        <source>Could not post</source>
        <translation>Kunne ikke overføre</translation>
    </message>
    <message>
        <source>Only a posted match can be reversed.</source>
        <translation>Kun en bogført afstemning kan tilbageføres.</translation>
    </message>
    <message>
        <source>{0}: voucher {1} reversed by voucher {2}; proposed again.</source>
        <translation>{0}: bilag {1} tilbageført med bilag {2}; foreslået igen.</translation>
    </message>
    <message>
        <source>{0} was not reversed: {1}</source>
        <translation>{0} blev ikke tilbageført: {1}</translation>
    </message>
    <message>
        <source>Not reversed</source>
        <translation>Ikke tilbageført</translation>
    </message>
    <message>
        <source>Reversing</source>
        <translation>Tilbagefører</translation>
    </message>
    <message>
        <source>Posting the reversal to e-conomic…</source>
        <translation>Bogfører tilbageførslen i e-conomic…</translation>
    </message>
    <message>
        <source>Could not reverse</source>
        <translation>Kunne ikke tilbageføre</translation>
    </message>
    <message>
        <source>Mark invoices paid</source>
        <translation>Markér fakturaer betalt</translation>
    </message>
    <message>
        <source>Mark {0} open invoices as paid by bank transfer in their platform?</source>
        <translation>Markér {0} åbne fakturaer som betalt ved bankoverførsel i deres platform?</translation>
    </message>
    <message>
        <source>The invoices stay open in their platform.</source>
        <translation>Fakturaerne forbliver åbne i deres platform.</translation>
    </message>
    <message>
        <source>Marking invoices paid</source>
        <translation>Markerer fakturaer betalt</translation>
    </message>
    <message>
        <source>Marking the invoices paid in their platforms…</source>
        <translation>Markerer fakturaerne betalt i deres platforme…</translation>
    </message>
    <message>
        <source>Could not mark the invoices paid</source>
        <translation>Kunne ikke markere fakturaerne betalt</translation>
    </message>
    <message>
        <source>Marked {0} of {1} invoices paid in their platform.</source>
        <translation>Markerede {0} af {1} fakturaer betalt i deres platform.</translation>
    </message>
    <message>
        <source>Wrote {0}: {1} matches, {2} open bank entries, {3} open platform items.</source>
        <translation>Skrev {0}: {1} afstemninger, {2} åbne bankposteringer, {3} åbne platformsposter.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Writing the reconciliation report…</source>
        <translation>Skriver afstemningsrapporten…</translation>
    </message>
    <message>
        <source>Could not write the report</source>
        <translation>Rapporten kunne ikke skrives</translation>
    </message>
    <message>
        <source>Select a match to see its voucher.</source>
        <translation>Vælg en afstemning for at se dens bilag.</translation>
    </message>
    <message>
        <source>No voucher for {0}</source>
        <translation>Intet bilag for {0}</translation>
    </message>
    <message>
        <source>Building the voucher for {0}…</source>
        <translation>Danner bilaget for {0}…</translation>
    </message>
    <message>
        <source>Clearing roll-forward read from e-conomic.</source>
        <translation>Mellemregningskontienes bevægelser er læst fra e-conomic.</translation>
    </message>
    <message>
        <source>Could not read the clearing accounts</source>
        <translation>Kunne ikke læse mellemregningskontiene</translation>
    </message>
    <message>
        <source>Reading the clearing accounts from e-conomic…</source>
        <translation>Læser mellemregningskontiene fra e-conomic…</translation>
    </message>
    <message>
        <source>Personal data from before {0} has passed its retention: File &gt; Erase old personal data…</source>
        <translation>Personoplysninger fra før {0} har overskredet opbevaringsperioden: Filer &gt; Slet gamle personoplysninger…</translation>
    </message>
    <message>
        <source>&amp;Erase personal data before {0}…</source>
        <translation>&amp;Slet personoplysninger før {0}…</translation>
    </message>
    <message>
        <source>&amp;Erase old personal data…</source>
        <translation>&amp;Slet gamle personoplysninger…</translation>
    </message>
    <message>
        <source>Pseudonymise names once five years have passed since the financial year ended</source>
        <translation>Pseudonymisér navne, når der er gået fem år fra regnskabsårets udløb</translation>
    </message>
    <message>
        <source>Erase old personal data</source>
        <translation>Slet gamle personoplysninger</translation>
    </message>
    <message>
        <source>The Bookkeeping Act&apos;s five years have passed for everything dated before {0}. Replace the names in {1} bank entries and platform items with pseudonyms (customer 4711)? Amounts, ids, matches and vouchers are kept. This cannot be undone.</source>
        <translation>Bogføringslovens fem år er gået for alt dateret før {0}. Skal navnene i {1} bankposteringer og platformsposter erstattes med pseudonymer (customer 4711)? Beløb, id&apos;er, afstemninger og bilag bevares. Det kan ikke fortrydes.</translation>
    </message>
    <message>
        <source>Could not erase the personal data</source>
        <translation>Personoplysningerne kunne ikke slettes</translation>
    </message>
    <message>
        <source>Pseudonymised {0} platform items and {1} bank entries from before {2}.</source>
        <translation>Pseudonymiserede {0} platformsposter og {1} bankposteringer fra før {2}.</translation>
    </message>
    <message>
        <source>In a signed-off period: reopen the period to change it</source>
        <translation>I en afsluttet periode: genåbn perioden for at ændre den</translation>
    </message>
    <message>
        <source>{0} has it open</source>
        <translation>{0} har den åben</translation>
    </message>
    <message>
        <source>{0} (locked)</source>
        <translation>{0} (låst)</translation>
    </message>
    <message>
        <source>The accounting year {0} is closed in e-conomic, so nothing dated {1} can be posted. Reopen the year in e-conomic, then post again.</source>
        <translation>Regnskabsåret {0} er lukket i e-conomic, så intet med dato {1} kan bogføres. Genåbn året i e-conomic, og bogfør igen.</translation>
    </message>
    <message>
        <source>The accounting period holding {0} is closed in e-conomic. Reopen the period in e-conomic, then post again.</source>
        <translation>Regnskabsperioden med {0} er lukket i e-conomic. Genåbn perioden i e-conomic, og bogfør igen.</translation>
    </message>
    <message>
        <source>The VAT for the period holding {0} is already settled in e-conomic, so no entry with VAT can be dated in it. The match stays approved.</source>
        <translation>Momsen for perioden med {0} er allerede afregnet i e-conomic, så ingen postering med moms kan dateres i den. Afstemningen forbliver godkendt.</translation>
    </message>
    <message>
        <source>Rule for bank lines that are not platform money</source>
        <translation>Regel for banklinjer, der ikke er platformspenge</translation>
    </message>
    <message>
        <source>Money in or out</source>
        <translation>Penge ind eller ud</translation>
    </message>
    <message>
        <source>Money in</source>
        <translation>Penge ind</translation>
    </message>
    <message>
        <source>Money out</source>
        <translation>Penge ud</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Betegnelse</translation>
    </message>
    <message>
        <source>Text &amp;contains</source>
        <translation>Teksten &amp;indeholder</translation>
    </message>
    <message>
        <source>Text matches (&amp;regular expression)</source>
        <translation>Teksten passer på (&amp;regulært udtryk)</translation>
    </message>
    <message>
        <source>Counter&amp;party contains</source>
        <translation>&amp;Modparten indeholder</translation>
    </message>
    <message>
        <source>Amount at &amp;least ({0})</source>
        <translation>Beløb &amp;mindst ({0})</translation>
    </message>
    <message>
        <source>Amount at &amp;most ({0})</source>
        <translation>Beløb &amp;højst ({0})</translation>
    </message>
    <message>
        <source>&amp;Direction</source>
        <translation>&amp;Retning</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>A bank line that meets every condition given is set aside.</source>
        <translation>En banklinje, der opfylder alle de angivne betingelser, lægges til side.</translation>
    </message>
    <message>
        <source>{0}: not an amount: {1}</source>
        <translation>{0}: ikke et beløb: {1}</translation>
    </message>
    <message>
        <source>Amount at least</source>
        <translation>Beløb mindst</translation>
    </message>
    <message>
        <source>Amount at most</source>
        <translation>Beløb højst</translation>
    </message>
    <message>
        <source>Bank lines a rule catches are not platform money (rent, wages, tax…): they leave the review queue and the dashboard counts them apart. Rules apply at once and at every match run.</source>
        <translation>Banklinjer, som en regel fanger, er ikke platformspenge (husleje, løn, skat…): de forlader gennemgangen, og overblikket tæller dem for sig. Regler gælder med det samme og ved hver afstemningskørsel.</translation>
    </message>
    <message>
        <source>&amp;Add rule… (Insert)</source>
        <translation>&amp;Tilføj regel… (Insert)</translation>
    </message>
    <message>
        <source>&amp;Change… (Enter)</source>
        <translation>&amp;Ret… (Enter)</translation>
    </message>
    <message>
        <source>Re&amp;move (Delete)</source>
        <translation>&amp;Fjern (Delete)</translation>
    </message>
    <message>
        <source>Add the &amp;suggested rule…</source>
        <translation>Tilføj den &amp;foreslåede regel…</translation>
    </message>
    <message>
        <source>Suggested from your own repeated decisions</source>
        <translation>Foreslået ud fra dine egne gentagne beslutninger</translation>
    </message>
    <message>
        <source>Could not load the rules</source>
        <translation>Reglerne kunne ikke indlæses</translation>
    </message>
    <message>
        <source>Select a rule to change.</source>
        <translation>Vælg en regel, der skal rettes.</translation>
    </message>
    <message>
        <source>No suggestion selected.</source>
        <translation>Intet forslag valgt.</translation>
    </message>
    <message>
        <source>Rule added</source>
        <translation>Regel tilføjet</translation>
    </message>
    <message>
        <source>Rule changed</source>
        <translation>Regel rettet</translation>
    </message>
    <message>
        <source>Select a rule to remove.</source>
        <translation>Vælg en regel, der skal fjernes.</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Fjern regel</translation>
    </message>
    <message>
        <source>Remove the rule for {0}? Its {1} lines go back to the review.</source>
        <translation>Fjern reglen for {0}? Dens {1} linjer kommer tilbage til gennemgangen.</translation>
    </message>
    <message>
        <source>Rule removed</source>
        <translation>Regel fjernet</translation>
    </message>
    <message>
        <source>{0}: {1}, {2} lines</source>
        <translation>{0}: {1}, {2} linjer</translation>
    </message>
    <message>
        <source>Could not save the rule</source>
        <translation>Reglen kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Period {0}</source>
        <translation>Periode {0}</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Afsluttet af</translation>
    </message>
    <message>
        <source>Report hash</source>
        <translation>Rapportens hash</translation>
    </message>
    <message>
        <source>Reason to reopen</source>
        <translation>Begrundelse for genåbning</translation>
    </message>
    <message>
        <source>&amp;Sign off</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>&amp;Approve as reviewer</source>
        <translation>&amp;Godkend som kontrollant</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>&amp;Genåbn</translation>
    </message>
    <message>
        <source>Why the month is reopened (kept in the audit log)</source>
        <translation>Hvorfor måneden genåbnes (gemmes i revisionssporet)</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Arbejder…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Færdig.</translation>
    </message>
    <message>
        <source>{0}, approved by {1}</source>
        <translation>{0}, godkendt af {1}</translation>
    </message>
    <message>
        <source>{0}; reopened by {1}: {2}</source>
        <translation>{0}; genåbnet af {1}: {2}</translation>
    </message>
    <message>
        <source>An integration books invoices and payments (settle)</source>
        <translation>En integration bogfører fakturaer og betalinger (settle)</translation>
    </message>
    <message>
        <source>Invoices are in e-conomic, payments are not (payments)</source>
        <translation>Fakturaerne er i e-conomic, betalingerne ikke (payments)</translation>
    </message>
    <message>
        <source>Nothing is booked elsewhere (sales)</source>
        <translation>Intet bogføres andetsteds (sales)</translation>
    </message>
    <message>
        <source>The platform&apos;s own integration (or IEX, Billwerk+ and the like) books the invoices and the payments; econdesk books only the fees, differences and the bank line.</source>
        <translation>Platformens egen integration (eller IEX, Billwerk+ og lignende) bogfører fakturaerne og betalingerne; econdesk bogfører kun gebyrerne, differencerne og banklinjen.</translation>
    </message>
    <message>
        <source>econdesk books each payment as a customer payment against the booked invoice it pays.</source>
        <translation>econdesk bogfører hver betaling som en debitorindbetaling mod den bogførte faktura, den betaler.</translation>
    </message>
    <message>
        <source>econdesk books the sales with their VAT in the period of the sale, and each payout settles the clearing account.</source>
        <translation>econdesk bogfører salget med moms i salgets periode, og hver udbetaling udligner mellemregningskontoen.</translation>
    </message>
    <message>
        <source>How {0} is booked</source>
        <translation>Sådan bogføres {0}</translation>
    </message>
    <message>
        <source>Cannot open {0}</source>
        <translation>Kan ikke åbne {0}</translation>
    </message>
    <message>
        <source>econdesk: clients</source>
        <translation>econdesk: klienter</translation>
    </message>
    <message>
        <source>Click a client to open it, or press Ctrl+K and type its name. F5 reads again.</source>
        <translation>Klik på en klient for at åbne den, eller tryk Ctrl+K og skriv navnet. F5 læser igen.</translation>
    </message>
    <message>
        <source>Reading the clients</source>
        <translation>Indlæsning af klienterne</translation>
    </message>
    <message>
        <source>never</source>
        <translation>aldrig</translation>
    </message>
    <message>
        <source>Open a client</source>
        <translation>Åbn en klient</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Klientens navn</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>Læses fra</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Klient-id</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Klienthemmelighed</translation>
    </message>
    <message>
        <source>Subscription key (Ocp-Apim-Subscription-Key)</source>
        <translation>Abonnementsnøgle (Ocp-Apim-Subscription-Key)</translation>
    </message>
    <message>
        <source>Merchant serial numbers (optional)</source>
        <translation>Merchant serial numbers, MSN (valgfri)</translation>
    </message>
    <message>
        <source>Folder with settlement files</source>
        <translation>Mappe med afregningsfiler</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>Bruges ikke</translation>
    </message>
    <message>
        <source>Merchant API</source>
        <translation>Merchant API</translation>
    </message>
    <message>
        <source>Report API</source>
        <translation>Report API</translation>
    </message>
    <message>
        <source>Settlement files (CSV)</source>
        <translation>Afregningsfiler (CSV)</translation>
    </message>
    <message>
        <source>kept in the keyring, not in the file</source>
        <translation>gemmes i nøglering, ikke i filen</translation>
    </message>
    <message>
        <source>all sales units the keys reach; several: 123456, 234567</source>
        <translation>alle salgssteder nøglerne giver adgang til; flere: 123456, 234567</translation>
    </message>
    <message>
        <source>{0}: merchant serial numbers are digits only, separated by commas, e.g. 123456, 234567</source>
        <translation>{0}: merchant serial numbers består kun af cifre, adskilt af kommaer, fx 123456, 234567</translation>
    </message>
    <message>
        <source>{0}: a merchant serial number is listed twice</source>
        <translation>{0}: et merchant serial number står der to gange</translation>
    </message>
    <message>
        <source>{0}: choose the folder that holds the settlement files</source>
        <translation>{0}: vælg mappen med afregningsfilerne</translation>
    </message>
    <message>
        <source>{0}: the address must be an http(s) URL</source>
        <translation>{0}: adressen skal være en http(s)-URL</translation>
    </message>
    <message>
        <source>{0}: type the client id</source>
        <translation>{0}: skriv klient-id&apos;et</translation>
    </message>
    <message>
        <source>{0}: type the client secret</source>
        <translation>{0}: skriv klienthemmeligheden</translation>
    </message>
    <message>
        <source>{0}: type the subscription key (Ocp-Apim-Subscription-Key)</source>
        <translation>{0}: skriv abonnementsnøglen (Ocp-Apim-Subscription-Key)</translation>
    </message>
    <message>
        <source>{0}: choose its clearing account and fee account</source>
        <translation>{0}: vælg mellemregningskonto og gebyrkonto</translation>
    </message>
    <message>
        <source>Connected: Clearhaus issued an access token; {0} settlement(s) paid out in the last 7 days</source>
        <translation>Forbundet: Clearhaus udstedte et adgangstoken; {0} afregning(er) udbetalt de seneste 7 dage</translation>
    </message>
    <message>
        <source>Connected: Vipps MobilePay issued an access token; {0} payout(s) in the last 7 days</source>
        <translation>Forbundet: Vipps MobilePay udstedte et adgangstoken; {0} udbetaling(er) de seneste 7 dage</translation>
    </message>
    <message>
        <source>(a sandbox on this computer)</source>
        <translation>(en sandkasse på denne computer)</translation>
    </message>
    <message>
        <source>Not available: without {0} in front, no integration books the sales of {1}.</source>
        <translation>Ikke muligt: uden {0} foran bogfører ingen integration salget fra {1}.</translation>
    </message>
    <message>
        <source>Revenue account for its own sales</source>
        <translation>Omsætningskonto for eget salg</translation>
    </message>
    <message>
        <source>empty: {0} from [posting]</source>
        <translation>tom: {0} fra [posting]</translation>
    </message>
    <message>
        <source>{0}: choose the revenue account its own sales are booked on</source>
        <translation>{0}: vælg omsætningskontoen, som det egne salg bogføres på</translation>
    </message>
    <message>
        <source>{0}: the revenue account must be an account number, e.g. 1010</source>
        <translation>{0}: omsætningskontoen skal være et kontonummer, fx 1010</translation>
    </message>
    <message>
        <source>{0}: the agreement has no revenue account {1} (or it is barred)</source>
        <translation>{0}: aftalen har ingen omsætningskonto {1} (eller den er spærret)</translation>
    </message>
    <message>
        <source>{0}: a VAT code needs its revenue account (or leave both empty)</source>
        <translation>{0}: en momskode kræver sin omsætningskonto (eller lad begge stå tomme)</translation>
    </message>
    <message>
        <source>{0}: the agreement has no VAT code {1} (or it is barred)</source>
        <translation>{0}: aftalen har ingen momskode {1} (eller den er spærret)</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>match proposed</source>
        <translation>afstemning foreslået</translation>
    </message>
    <message>
        <source>match back to proposed</source>
        <translation>afstemning tilbage til foreslået</translation>
    </message>
    <message>
        <source>match approved</source>
        <translation>afstemning godkendt</translation>
    </message>
    <message>
        <source>match rejected</source>
        <translation>afstemning afvist</translation>
    </message>
    <message>
        <source>match parked</source>
        <translation>afstemning parkeret</translation>
    </message>
    <message>
        <source>match posted</source>
        <translation>afstemning bogført</translation>
    </message>
    <message>
        <source>match withdrawn</source>
        <translation>afstemning trukket tilbage</translation>
    </message>
    <message>
        <source>match&apos;s voucher reversed</source>
        <translation>afstemningens bilag tilbageført</translation>
    </message>
    <message>
        <source>match revised</source>
        <translation>afstemning revideret</translation>
    </message>
    <message>
        <source>match&apos;s bank entry replaced</source>
        <translation>afstemningens bankpostering erstattet</translation>
    </message>
    <message>
        <source>matching run</source>
        <translation>afstemningskørsel</translation>
    </message>
    <message>
        <source>voucher built</source>
        <translation>bilag dannet</translation>
    </message>
    <message>
        <source>voucher claimed for posting</source>
        <translation>bilag reserveret til bogføring</translation>
    </message>
    <message>
        <source>voucher sent</source>
        <translation>bilag sendt</translation>
    </message>
    <message>
        <source>voucher posted</source>
        <translation>bilag bogført</translation>
    </message>
    <message>
        <source>voucher found after an interruption</source>
        <translation>bilag fundet efter en afbrydelse</translation>
    </message>
    <message>
        <source>voucher in doubt</source>
        <translation>bilag i tvivl</translation>
    </message>
    <message>
        <source>voucher not posted</source>
        <translation>bilag ikke bogført</translation>
    </message>
    <message>
        <source>voucher refused</source>
        <translation>bilag afvist</translation>
    </message>
    <message>
        <source>voucher split</source>
        <translation>bilag delt</translation>
    </message>
    <message>
        <source>draft entries booked</source>
        <translation>kladdeposteringer bogført</translation>
    </message>
    <message>
        <source>booking draft entries failed</source>
        <translation>bogføring af kladdeposteringer fejlede</translation>
    </message>
    <message>
        <source>reversal voucher built</source>
        <translation>tilbageførselsbilag dannet</translation>
    </message>
    <message>
        <source>bilag attached</source>
        <translation>bilag vedhæftet</translation>
    </message>
    <message>
        <source>bilag not attached</source>
        <translation>bilag ikke vedhæftet</translation>
    </message>
    <message>
        <source>period signed off</source>
        <translation>periode afsluttet</translation>
    </message>
    <message>
        <source>period sign-off approved</source>
        <translation>periodens afslutning godkendt</translation>
    </message>
    <message>
        <source>period reopened</source>
        <translation>periode genåbnet</translation>
    </message>
    <message>
        <source>bank entry changed</source>
        <translation>bankpostering ændret</translation>
    </message>
    <message>
        <source>draft bank entry booked</source>
        <translation>kladdepostering i bank bogført</translation>
    </message>
    <message>
        <source>draft bank entry gone</source>
        <translation>kladdepostering i bank forsvundet</translation>
    </message>
    <message>
        <source>bank entry in two matches</source>
        <translation>bankpostering i to afstemninger</translation>
    </message>
    <message>
        <source>platform item changed</source>
        <translation>platformspost ændret</translation>
    </message>
    <message>
        <source>payout changed</source>
        <translation>udbetaling ændret</translation>
    </message>
    <message>
        <source>sync stored</source>
        <translation>synkronisering gemt</translation>
    </message>
    <message>
        <source>sync done</source>
        <translation>synkronisering færdig</translation>
    </message>
    <message>
        <source>accounts and mappings saved</source>
        <translation>konti og tilknytninger gemt</translation>
    </message>
    <message>
        <source>personal data pseudonymised</source>
        <translation>persondata pseudonymiseret</translation>
    </message>
</context>
<context>
    <name>Bilag</name>
    <message>
        <source>payment</source>
        <translation>betaling</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>refusion</translation>
    </message>
    <message>
        <source>chargeback</source>
        <translation>tilbageførsel</translation>
    </message>
    <message>
        <source>fee</source>
        <translation>gebyr</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>regulering</translation>
    </message>
    <message>
        <source>open invoice</source>
        <translation>åben faktura</translation>
    </message>
    <message>
        <source>Bilag for voucher {0} (accounting year {1}, daybook {2})</source>
        <translation>Bilag til bilagsnummer {0} (regnskabsår {1}, kassekladde {2})</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Afstemning</translation>
    </message>
    <message>
        <source>Marker in the entry texts</source>
        <translation>Mærke i posteringsteksterne</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Indbetaling</translation>
    </message>
    <message>
        <source>One posting, split by e-conomic into vouchers</source>
        <translation>Én postering, delt af e-conomic i bilagene</translation>
    </message>
    <message>
        <source>The deposit</source>
        <translation>Indbetalingen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Bank entry</source>
        <translation>Bankpostering</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>What the deposit is made of</source>
        <translation>Hvad indbetalingen består af</translation>
    </message>
    <message>
        <source>Payout {0}, arrived {1}: {2}</source>
        <translation>Udbetaling {0}, modtaget {1}: {2}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Platform reference</source>
        <translation>Platformens reference</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebyr</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Betalinger</translation>
    </message>
    <message>
        <source>Refunds and chargebacks</source>
        <translation>Refusioner og tilbageførsler</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Gebyrer</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>Reguleringer</translation>
    </message>
    <message>
        <source>Net of the items</source>
        <translation>Posternes netto</translation>
    </message>
    <message>
        <source>Fee inferred</source>
        <translation>Beregnet gebyr</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>The voucher&apos;s lines</source>
        <translation>Bilagets linjer</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Contra account</source>
        <translation>Modkonto</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>Moms</translation>
    </message>
    <message>
        <source>Why these belong together</source>
        <translation>Hvorfor de hører sammen</translation>
    </message>
    <message>
        <source>Audit event</source>
        <translation>Hændelse i revisionssporet</translation>
    </message>
    <message>
        <source>No. {0}, {1} UTC, {2}: {3}</source>
        <translation>Nr. {0}, {1} UTC, {2}: {3}</translation>
    </message>
    <message>
        <source>Bilag for voucher {0} (accounting year {1}, daybook {2}): reversal</source>
        <translation>Bilag til bilagsnummer {0} (regnskabsår {1}, kassekladde {2}): tilbageførsel</translation>
    </message>
    <message>
        <source>Reverses voucher</source>
        <translation>Tilbagefører bilag</translation>
    </message>
    <message>
        <source>Marker of the reversed voucher</source>
        <translation>Mærke på det tilbageførte bilag</translation>
    </message>
    <message>
        <source>Why it was reversed</source>
        <translation>Hvorfor det blev tilbageført</translation>
    </message>
</context>
<context>
    <name>CLI</name>
    <message>
        <source>interrupted</source>
        <translation>afbrudt</translation>
    </message>
    <message>
        <source>{0} failed unexpectedly ({1})</source>
        <translation>{0} fejlede uventet ({1})</translation>
    </message>
    <message>
        <source>{0} failed unexpectedly ({1}); the details are in {2}</source>
        <translation>{0} fejlede uventet ({1}); detaljerne står i {2}</translation>
    </message>
    <message>
        <source>approve needs match ids, or --auto</source>
        <translation>approve kræver afstemnings-id&apos;er eller --auto</translation>
    </message>
    <message>
        <source>nothing to approve</source>
        <translation>intet at godkende</translation>
    </message>
    <message>
        <source>{0} approved ({1}, {2})</source>
        <translation>{0} godkendt ({1}, {2})</translation>
    </message>
    <message>
        <source>audit log broken: {0}</source>
        <translation>revisionsloggen er brudt: {0}</translation>
    </message>
    <message>
        <source>audit log is empty</source>
        <translation>revisionsloggen er tom</translation>
    </message>
    <message>
        <source>audit log intact: {0} events, head {1}</source>
        <translation>revisionsloggen er intakt: {0} hændelser, seneste {1}</translation>
    </message>
    <message>
        <source>{0} matched a moment ago; this run worked on what was left: {1} new proposals</source>
        <translation>{0} afstemte for et øjeblik siden; denne kørsel tog sig af resten: {1} nye forslag</translation>
    </message>
    <message>
        <source>looked at {0} open bank entries and {1} open items in {2} s</source>
        <translation>gennemgik {0} åbne bankposteringer og {1} åbne poster på {2} s</translation>
    </message>
    <message>
        <source>proposed {0} matches, {1} safe to approve (econdesk approve --auto)</source>
        <translation>foreslog {0} afstemninger, {1} sikre at godkende (econdesk approve --auto)</translation>
    </message>
    <message>
        <source>earlier proposals: {0} revised, {1} withdrawn (no longer the best), {2} unchanged</source>
        <translation>tidligere forslag: {0} ændret, {1} trukket tilbage (ikke længere de bedste), {2} uændret</translation>
    </message>
    <message>
        <source>  {0:&lt;14} {1:&gt;7} proposed {2:&gt;7} safe</source>
        <translation>  {0:&lt;14} {1:&gt;7} foreslået {2:&gt;7} sikre</translation>
    </message>
    <message>
        <source>still unmatched: {0} bank entries, {1} items</source>
        <translation>stadig uafstemt: {0} bankposteringer, {1} poster</translation>
    </message>
    <message>
        <source>{0} rejected</source>
        <translation>{0} afvist</translation>
    </message>
    <message>
        <source>{0}: the report file must end in .xlsx</source>
        <translation>{0}: rapportfilen skal ende på .xlsx</translation>
    </message>
    <message>
        <source>{0} is a folder; give a file name ending in .xlsx</source>
        <translation>{0} er en mappe; angiv et filnavn der ender på .xlsx</translation>
    </message>
    <message>
        <source>{0}: the folder {1} does not exist</source>
        <translation>{0}: mappen {1} findes ikke</translation>
    </message>
    <message>
        <source>--to {0} is before --from {1}</source>
        <translation>--to {0} ligger før --from {1}</translation>
    </message>
    <message>
        <source>clearing balances not read from e-conomic: {0}</source>
        <translation>mellemregningssaldi ikke læst fra e-conomic: {0}</translation>
    </message>
    <message>
        <source>the report {0} was not written: {1}</source>
        <translation>rapporten {0} blev ikke skrevet: {1}</translation>
    </message>
    <message>
        <source>wrote {0}: {1} matches, {2} payouts, {3} open bank entries, {4} open items, {5} vouchers, {6} audit events</source>
        <translation>skrev {0}: {1} afstemninger, {2} udbetalinger, {3} åbne bankposteringer, {4} åbne poster, {5} bilag, {6} revisionshændelser</translation>
    </message>
    <message>
        <source>database: {0}</source>
        <translation>database: {0}</translation>
    </message>
    <message>
        <source>nothing synced yet (run `econdesk sync`)</source>
        <translation>intet hentet endnu (kør `econdesk sync`)</translation>
    </message>
    <message>
        <source>side</source>
        <translation>side</translation>
    </message>
    <message>
        <source>source</source>
        <translation>kilde</translation>
    </message>
    <message>
        <source>state</source>
        <translation>status</translation>
    </message>
    <message>
        <source>count</source>
        <translation>antal</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>beløb</translation>
    </message>
    <message>
        <source>matches: {0}</source>
        <translation>afstemninger: {0}</translation>
    </message>
    <message>
        <source>reversal vouchers posted: {0}</source>
        <translation>tilbageførselsbilag bogført: {0}</translation>
    </message>
    <message>
        <source>last sync {0}: {1} UTC</source>
        <translation>senest hentet {0}: {1} UTC</translation>
    </message>
    <message>
        <source>audit log: {0} events</source>
        <translation>revisionslog: {0} hændelser</translation>
    </message>
    <message>
        <source>{0} exists already (use --force to overwrite it)</source>
        <translation>{0} findes allerede (brug --force for at overskrive den)</translation>
    </message>
    <message>
        <source>wrote {0}</source>
        <translation>skrev {0}</translation>
    </message>
    <message>
        <source>no platforms</source>
        <translation>ingen platforme</translation>
    </message>
    <message>
        <source>wired to the sandbox at {0} (e-conomic, {1})</source>
        <translation>koblet til sandkassen på {0} (e-conomic, {1})</translation>
    </message>
    <message>
        <source>next: fill in the accounts and credentials, then run `econdesk sync`</source>
        <translation>næste skridt: udfyld konti og adgangsnøgler, og kør så `econdesk sync`</translation>
    </message>
    <message>
        <source>{0}: nothing to sync: set economic.bank_account or a [providers.stripe], [providers.frisbii], [providers.chargebee], [providers.clearhaus] or [providers.mobilepay] table</source>
        <translation>{0}: intet at synkronisere: angiv economic.bank_account eller en [providers.stripe]-, [providers.frisbii]-, [providers.chargebee]-, [providers.clearhaus]- eller [providers.mobilepay]-tabel</translation>
    </message>
    <message>
        <source>{0}: {1} pages, {2} new, {3} changed</source>
        <translation>{0}: {1} sider, {2} nye, {3} ændrede</translation>
    </message>
    <message>
        <source>{0:&lt;34}{1}  new {2:&gt;6}  changed {3:&gt;5}  unchanged {4:&gt;6}  pages {5:&gt;4}  {6}</source>
        <translation>{0:&lt;34}{1}  nye {2:&gt;6}  ændrede {3:&gt;5}  uændrede {4:&gt;6}  sider {5:&gt;4}  {6}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>færdig</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEJLEDE</translation>
    </message>
    <message>
        <source>paused, resumes next time</source>
        <translation>sat på pause, fortsætter næste gang</translation>
    </message>
    <message>
        <source>cancelled: the next sync continues after the last stored page</source>
        <translation>afbrudt: næste hentning fortsætter efter den sidst gemte side</translation>
    </message>
    <message>
        <source>nothing to sync</source>
        <translation>intet at hente</translation>
    </message>
    <message>
        <source>demo: removed {0}, left by an earlier demo</source>
        <translation>demo: fjernede {0}, efterladt af en tidligere demo</translation>
    </message>
    <message>
        <source>demo: kept {0}</source>
        <translation>demo: beholdt {0}</translation>
    </message>
    <message>
        <source>demo: sandboxes {0} on loopback; files in {1}</source>
        <translation>demo: sandkasserne {0} på loopback; filer i {1}</translation>
    </message>
    <message>
        <source>nothing is stored about {0!r}</source>
        <translation>intet er gemt om {0!r}</translation>
    </message>
    <message>
        <source>config.toml for these sandboxes:</source>
        <translation>config.toml til disse sandkasser:</translation>
    </message>
    <message>
        <source>Serving; press Ctrl+C to stop.</source>
        <translation>Kører; tryk Ctrl+C for at stoppe.</translation>
    </message>
    <message>
        <source>must be set for this command</source>
        <translation>skal være sat for denne kommando</translation>
    </message>
    <message>
        <source>no such config file (run `econdesk init`)</source>
        <translation>konfigurationsfilen findes ikke (kør `econdesk init`)</translation>
    </message>
    <message>
        <source>cannot read: {0}</source>
        <translation>kan ikke læses: {0}</translation>
    </message>
    <message>
        <source>not valid TOML: {0}</source>
        <translation>ikke gyldig TOML: {0}</translation>
    </message>
    <message>
        <source>must be a table ([section])</source>
        <translation>skal være en tabel ([sektion])</translation>
    </message>
    <message>
        <source>unknown key; did you mean {0!r}?</source>
        <translation>ukendt nøgle; mente du {0!r}?</translation>
    </message>
    <message>
        <source>unknown key</source>
        <translation>ukendt nøgle</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>skal angives</translation>
    </message>
    <message>
        <source>expected a non-empty string, got {0}</source>
        <translation>forventede en ikke-tom tekst, fik {0}</translation>
    </message>
    <message>
        <source>expected an http(s) URL, got {0!r}</source>
        <translation>forventede en http(s)-URL, fik {0!r}</translation>
    </message>
    <message>
        <source>expected an sqlite:/// or postgresql+psycopg:// URL, got {0!r}</source>
        <translation>forventede en sqlite:///- eller postgresql+psycopg://-URL, fik {0!r}</translation>
    </message>
    <message>
        <source>expected a positive whole account number, got {0}</source>
        <translation>forventede et positivt helt kontonummer, fik {0}</translation>
    </message>
    <message>
        <source>expected a whole number &gt;= 0, got {0}</source>
        <translation>forventede et helt tal &gt;= 0, fik {0}</translation>
    </message>
    <message>
        <source>expected true or false, got {0}</source>
        <translation>forventede true eller false, fik {0}</translation>
    </message>
    <message>
        <source>expected a decimal number, got {0}</source>
        <translation>forventede et decimaltal, fik {0}</translation>
    </message>
    <message>
        <source>must not be negative, got {0}</source>
        <translation>må ikke være negativ, fik {0}</translation>
    </message>
    <message>
        <source>expected a number between 0 and 1, got {0}</source>
        <translation>forventede et tal mellem 0 og 1, fik {0}</translation>
    </message>
    <message>
        <source>expected an ISO 4217 currency code, got {0}</source>
        <translation>forventede en ISO 4217-valutakode, fik {0}</translation>
    </message>
    <message>
        <source>expected {0}, got {1}</source>
        <translation>forventede {0}, fik {1}</translation>
    </message>
    <message>
        <source>must be a table of [providers.NAME] sections</source>
        <translation>skal være en tabel af [providers.NAVN]-sektioner</translation>
    </message>
    <message>
        <source>is &quot;settle&quot;, but no gateway in front of {0} is configured ([providers.{1}]), so no integration books its sales: choose &quot;sales&quot; (econdesk books them in daily sales summaries) or &quot;payments&quot; (its orders are invoiced in e-conomic)</source>
        <translation>er &quot;settle&quot;, men ingen gateway foran {0} er sat op ([providers.{1}]), så ingen integration bogfører dens salg: vælg &quot;sales&quot; (econdesk bogfører dem i daglige salgsopgørelser) eller &quot;payments&quot; (dens ordrer faktureres i e-conomic)</translation>
    </message>
    <message>
        <source>is required with booking = &quot;sales&quot; and no gateway in front of {0}: the account its own sales are booked on (or [posting] revenue_account)</source>
        <translation>skal angives med booking = &quot;sales&quot; og ingen gateway foran {0}: kontoen dens egne salg bogføres på (eller [posting] revenue_account)</translation>
    </message>
    <message>
        <source>is required with a real e-conomic agreement: {0} (what is booked elsewhere already; README, Booking modes)</source>
        <translation>skal angives med en rigtig e-conomic-aftale: {0} (hvad der allerede bogføres andetsteds; README, Booking modes)</translation>
    </message>
    <message>
        <source>a provider name is lowercase letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation>et kildenavn består af små bogstaver, cifre, &apos;-&apos; eller &apos;_&apos;</translation>
    </message>
    <message>
        <source>is reserved for e-conomic&apos;s own invoices ([economic] open_invoices)</source>
        <translation>er forbeholdt e-conomics egne fakturaer ([economic] open_invoices)</translation>
    </message>
    <message>
        <source>must be a table ([providers.NAME])</source>
        <translation>skal være en tabel ([providers.NAVN])</translation>
    </message>
    <message>
        <source>unknown key (the name is the section&apos;s name)</source>
        <translation>ukendt nøgle (navnet er sektionens navn)</translation>
    </message>
    <message>
        <source>must be a table of [providers.NAME.plans.PLAN]</source>
        <translation>skal være en tabel af [providers.NAVN.plans.PLAN]</translation>
    </message>
    <message>
        <source>must be a table: platform id = customer number</source>
        <translation>skal være en tabel: platforms-id = kundenummer</translation>
    </message>
    <message>
        <source>only {0} invoices can be marked paid offline</source>
        <translation>kun fakturaer fra {0} kan markeres betalt uden for platformen</translation>
    </message>
    <message>
        <source>unknown key ({0} is read from the files in settlements_folder)</source>
        <translation>ukendt nøgle ({0} læses fra filerne i settlements_folder)</translation>
    </message>
    <message>
        <source>unknown key (settled card payments are booked with the gateway&apos;s [providers.frisbii] plans and customers)</source>
        <translation>ukendt nøgle (afregnede kortbetalinger bogføres med gatewayens [providers.frisbii]-abonnementer og -kunder)</translation>
    </message>
    <message>
        <source>unknown key (it takes client_id and client_secret)</source>
        <translation>ukendt nøgle (den bruger client_id og client_secret)</translation>
    </message>
    <message>
        <source>unknown key (paid-out payments are booked with the gateway&apos;s plans and customers)</source>
        <translation>ukendt nøgle (udbetalte betalinger bogføres med gatewayens abonnementer og kunder)</translation>
    </message>
    <message>
        <source>give {0} or {1}, not both</source>
        <translation>angiv {0} eller {1}, ikke begge</translation>
    </message>
    <message>
        <source>expected a list of numbers in quotes, got {0}</source>
        <translation>forventede en liste af numre i anførselstegn, fik {0}</translation>
    </message>
    <message>
        <source>{0} is listed twice</source>
        <translation>{0} står der to gange</translation>
    </message>
    <message>
        <source>a merchant serial number is digits only, e.g. &quot;123456&quot;; got {0!r}</source>
        <translation>et merchant serial number består kun af cifre, fx &quot;123456&quot;; fik {0!r}</translation>
    </message>
    <message>
        <source>is required with lost_disputes = &quot;bad_debt&quot;</source>
        <translation>skal angives med lost_disputes = &quot;bad_debt&quot;</translation>
    </message>
    <message>
        <source>must be a list of [[vat.codes]] tables</source>
        <translation>skal være en liste af [[vat.codes]]-tabeller</translation>
    </message>
    <message>
        <source>must be a table with rate and code</source>
        <translation>skal være en tabel med rate og code</translation>
    </message>
    <message>
        <source>a second code for the same sales ({0})</source>
        <translation>en anden kode for det samme salg ({0})</translation>
    </message>
    <message>
        <source>expected a two-letter country code, got {0}</source>
        <translation>forventede en landekode på to bogstaver, fik {0}</translation>
    </message>
    <message>
        <source>must be a table with revenue_account and vat_code</source>
        <translation>skal være en tabel med revenue_account og vat_code</translation>
    </message>
    <message>
        <source>{0} or {1!r}</source>
        <translation>{0} eller {1!r}</translation>
    </message>
    <message>
        <source>no rules: every bank line is weighed as platform money</source>
        <translation>ingen regler: hver banklinje vurderes som platformspenge</translation>
    </message>
    <message>
        <source>suggested: {0} when {1} ({2} of your decisions)</source>
        <translation>foreslået: {0} når {1} ({2} af dine beslutninger)</translation>
    </message>
    <message>
        <source>rule {0} added ({1}); it set aside {2} open bank line(s)</source>
        <translation>regel {0} tilføjet ({1}); den lagde {2} åbne banklinje(r) til side</translation>
    </message>
    <message>
        <source>rule {0} removed; {1} bank line(s) are open again</source>
        <translation>regel {0} fjernet; {1} banklinje(r) er åbne igen</translation>
    </message>
    <message>
        <source>{0} bank line(s) set aside as {1}</source>
        <translation>{0} banklinje(r) lagt til side som {1}</translation>
    </message>
    <message>
        <source>{0} bank line(s) are open again</source>
        <translation>{0} banklinje(r) er åbne igen</translation>
    </message>
    <message>
        <source>label: give a label of 1 to {0} characters</source>
        <translation>betegnelse: giv en betegnelse på 1 til {0} tegn</translation>
    </message>
    <message>
        <source>a rule needs a text, a pattern, a counterparty or an amount range to go by</source>
        <translation>en regel skal have en tekst, et mønster, en modpart eller et beløbsinterval at gå efter</translation>
    </message>
    <message>
        <source>pattern {0!r}: {1}</source>
        <translation>mønster {0!r}: {1}</translation>
    </message>
    <message>
        <source>minimum: the amount range is of sizes; give {0}</source>
        <translation>minimum: beløbsintervallet gælder størrelsen; angiv {0}</translation>
    </message>
    <message>
        <source>maximum: the amount range is of sizes; give {0}</source>
        <translation>maksimum: beløbsintervallet gælder størrelsen; angiv {0}</translation>
    </message>
    <message>
        <source>minimum and maximum must be in one currency</source>
        <translation>minimum og maksimum skal være i samme valuta</translation>
    </message>
    <message>
        <source>minimum {0} is above maximum {1}</source>
        <translation>minimum {0} er over maksimum {1}</translation>
    </message>
    <message>
        <source>no periods yet</source>
        <translation>ingen perioder endnu</translation>
    </message>
    <message>
        <source>{0}  {1:&lt;9}  {2} matches, {3} not posted  {4}</source>
        <translation>{0}  {1:&lt;9}  {2} afstemninger, {3} ikke overført  {4}</translation>
    </message>
    <message>
        <source>{0} signed off by {1}: report hash {2}, audit head #{3}, balances from {4}</source>
        <translation>{0} afsluttet af {1}: rapportens hash {2}, revisionssporets hoved #{3}, saldi fra {4}</translation>
    </message>
    <message>
        <source>{0} approved by {1} (signed off by {2})</source>
        <translation>{0} godkendt af {1} (afsluttet af {2})</translation>
    </message>
    <message>
        <source>{0} reopened by {1}: {2}</source>
        <translation>{0} genåbnet af {1}: {2}</translation>
    </message>
    <message>
        <source>no clients yet: `econdesk clients add NAME` adds one</source>
        <translation>ingen klienter endnu: `econdesk clients add NAVN` tilføjer en</translation>
    </message>
    <message>
        <source>added {0}: config {1}, store {2}</source>
        <translation>tilføjede {0}: konfiguration {1}, database {2}</translation>
    </message>
    <message>
        <source>next: econdesk --client {0} init</source>
        <translation>næste: econdesk --client {0} init</translation>
    </message>
    <message>
        <source>removed {0} and deleted its data: {1}</source>
        <translation>fjernede {0} og slettede dens data: {1}</translation>
    </message>
    <message>
        <source>removed {0}; its data is kept (config {1}, store {2}); --delete-data deletes it</source>
        <translation>fjernede {0}; dens data er bevaret (konfiguration {1}, database {2}); --delete-data sletter dem</translation>
    </message>
    <message>
        <source>renamed {0} to {1}; its config, store and secrets stay</source>
        <translation>omdøbte {0} til {1}; konfiguration, database og hemmeligheder bliver</translation>
    </message>
    <message>
        <source>{0} is the current client</source>
        <translation>{0} er den aktuelle klient</translation>
    </message>
    <message>
        <source>--client and --config each name a config: give one</source>
        <translation>--client og --config angiver hver en konfiguration: angiv én</translation>
    </message>
    <message>
        <source>econdesk has several clients: name one with --client NAME (`econdesk clients list` shows them)</source>
        <translation>econdesk har flere klienter: angiv én med --client NAVN (`econdesk clients list` viser dem)</translation>
    </message>
    <message>
        <source>--all-clients syncs each client into its own store: leave out --db, --config, --client and ${0}</source>
        <translation>--all-clients synkroniserer hver klient til sin egen database: udelad --db, --config, --client og ${0}</translation>
    </message>
    <message>
        <source>--concurrency must be 1 or more</source>
        <translation>--concurrency skal være 1 eller mere</translation>
    </message>
    <message>
        <source>failed clients: {0}</source>
        <translation>klienter der fejlede: {0}</translation>
    </message>
    <message>
        <source>{0}: nothing to sync</source>
        <translation>{0}: intet at synkronisere</translation>
    </message>
    <message>
        <source>{0:&lt;32} ok      new {1:&gt;6}  changed {2:&gt;5}</source>
        <translation>{0:&lt;32} ok      nye {1:&gt;6}  ændrede {2:&gt;5}</translation>
    </message>
    <message>
        <source>{0:&lt;32} FAILED  {1}</source>
        <translation>{0:&lt;32} FEJLEDE {1}</translation>
    </message>
    <message>
        <source>{0} of {1} clients synced, {2} failed</source>
        <translation>{0} af {1} klienter synkroniseret, {2} fejlede</translation>
    </message>
    <message>
        <source>a client called &apos;{0}&apos; exists already</source>
        <translation>der findes allerede en klient ved navn &apos;{0}&apos;</translation>
    </message>
    <message>
        <source>no client called &apos;{0}&apos; (clients: {1})</source>
        <translation>ingen klient ved navn &apos;{0}&apos; (klienter: {1})</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a client name: letters, digits, spaces and . , &amp; &apos; / ( ) + - (up to 63, starting with a letter or digit)</source>
        <translation>&apos;{0}&apos; er ikke et klientnavn: bogstaver, cifre, mellemrum og . , &amp; &apos; / ( ) + - (højst 63, begyndende med et bogstav eller ciffer)</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a schema name (a-z, 0-9, _; up to 63)</source>
        <translation>&apos;{0}&apos; er ikke et skemanavn (a-z, 0-9, _; højst 63)</translation>
    </message>
    <message>
        <source>bank</source>
        <translation>bank</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>omsætning</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>refusion</translation>
    </message>
    <message>
        <source>chargeback</source>
        <translation>chargeback</translation>
    </message>
    <message>
        <source>customer_payment</source>
        <translation>kundebetaling</translation>
    </message>
    <message>
        <source>fee</source>
        <translation>gebyr</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>regulering</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>difference</translation>
    </message>
    <message>
        <source>rounding</source>
        <translation>afrunding</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>kursdifference</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>overførsel</translation>
    </message>
    <message>
        <source>reserve</source>
        <translation>reserve</translation>
    </message>
    <message>
        <source>posting</source>
        <translation>indløserpost</translation>
    </message>
    <message>
        <source>clearing</source>
        <translation>mellemregning</translation>
    </message>
    <message>
        <source>debtor</source>
        <translation>debitor</translation>
    </message>
    <message>
        <source>vat</source>
        <translation>moms</translation>
    </message>
    <message>
        <source>exchange_difference</source>
        <translation>kursdifference</translation>
    </message>
    <message>
        <source>other</source>
        <translation>andet</translation>
    </message>
    <message>
        <source>deposit</source>
        <translation>indbetaling</translation>
    </message>
    <message>
        <source>integration</source>
        <translation>integration</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>salg</translation>
    </message>
    <message>
        <source> at {0} per 100</source>
        <translation> til kurs {0} pr. 100</translation>
    </message>
    <message>
        <source>{0}  {1}  deposit {2}{3}  {4} profile  journal {5}, year {6}</source>
        <translation>{0}  {1}  indbetaling {2}{3}  {4}-profil  kassekladde {5}, år {6}</translation>
    </message>
    <message>
        <source>  marker {0}</source>
        <translation>  markør {0}</translation>
    </message>
    <message>
        <source>  note: {0}</source>
        <translation>  bemærk: {0}</translation>
    </message>
    <message>
        <source>  request body: {0}</source>
        <translation>  forespørgslens indhold: {0}</translation>
    </message>
    <message>
        <source>customer {0}</source>
        <translation>kunde {0}</translation>
    </message>
    <message>
        <source> (VAT {0})</source>
        <translation> (moms {0})</translation>
    </message>
    <message>
        <source>contra {0}</source>
        <translation>modkonto {0}</translation>
    </message>
    <message>
        <source>  effect per account:</source>
        <translation>  virkning pr. konto:</translation>
    </message>
    <message>
        <source>total</source>
        <translation>i alt</translation>
    </message>
    <message>
        <source>stays on clearing account {0}: {1} {2}</source>
        <translation>står tilbage på mellemregningskonto {0}: {1} {2}</translation>
    </message>
    <message>
        <source>this voucher {0}</source>
        <translation>dette bilag {0}</translation>
    </message>
    <message>
        <source>; the deposit is not yet on the bank account in e-conomic</source>
        <translation>; indbetalingen står endnu ikke på bankkontoen i e-conomic</translation>
    </message>
    <message>
        <source>{0}  cannot be posted: {1}</source>
        <translation>{0}  kan ikke overføres: {1}</translation>
    </message>
    <message>
        <source>nothing to post: no approved matches</source>
        <translation>intet at overføre: ingen godkendte afstemninger</translation>
    </message>
    <message>
        <source>{0} voucher(s) would be posted (mappings version {1}); dry run, nothing sent</source>
        <translation>{0} bilag ville blive overført (tilknytningsversion {1}); prøvekørsel, intet sendt</translation>
    </message>
    <message>
        <source>{0}  posted as voucher {1} (found in e-conomic after an interrupted run)</source>
        <translation>{0}  overført som bilag {1} (fundet i e-conomic efter en afbrudt kørsel)</translation>
    </message>
    <message>
        <source>{0}  posted as voucher {1}</source>
        <translation>{0}  overført som bilag {1}</translation>
    </message>
    <message>
        <source>booked {0} draft entries</source>
        <translation>bogførte {0} kladdeposteringer</translation>
    </message>
    <message>
        <source>cancelled: the remaining matches stay approved</source>
        <translation>annulleret: de resterende afstemninger forbliver godkendt</translation>
    </message>
    <message>
        <source>{0}  bilag attached</source>
        <translation>{0}  bilag vedhæftet</translation>
    </message>
    <message>
        <source>{0}  bilag found in e-conomic, not sent again</source>
        <translation>{0}  bilag fundet i e-conomic, ikke sendt igen</translation>
    </message>
    <message>
        <source>{0}  bilag not attached: {1}</source>
        <translation>{0}  bilag ikke vedhæftet: {1}</translation>
    </message>
    <message>
        <source>not posted</source>
        <translation>ikke overført</translation>
    </message>
    <message>
        <source>in doubt</source>
        <translation>i tvivl</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>optaget</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>overført</translation>
    </message>
    <message>
        <source>{0}  daily sales summary {1} {2}: {3} sale(s)</source>
        <translation>{0}  daglig salgsopgørelse {1} {2}: {3} salg</translation>
    </message>
    <message>
        <source> (supplement {0})</source>
        <translation> (tillæg {0})</translation>
    </message>
    <message>
        <source>, posted as voucher {0}</source>
        <translation>, overført som bilag {0}</translation>
    </message>
    <message>
        <source>, not posted: {0}</source>
        <translation>, ikke overført: {0}</translation>
    </message>
    <message>
        <source>{0} match(es) not posted; they stay approved (see the reasons above)</source>
        <translation>{0} afstemning(er) ikke overført; de forbliver godkendt (se årsagerne ovenfor)</translation>
    </message>
    <message>
        <source>{0} daily sales summary(ies) not posted (see the reasons above)</source>
        <translation>{0} daglige salgsopgørelse(r) ikke overført (se årsagerne ovenfor)</translation>
    </message>
    <message>
        <source>{0} bilag not attached; the next post attaches them</source>
        <translation>{0} bilag ikke vedhæftet; næste overførsel vedhæfter dem</translation>
    </message>
    <message>
        <source>posting did not finish</source>
        <translation>overførslen blev ikke færdig</translation>
    </message>
    <message>
        <source>the Clearhaus client id and secret were not accepted ({0})</source>
        <translation>Clearhaus godtog ikke klient-id og hemmelighed ({0})</translation>
    </message>
    <message>
        <source>the Clearhaus access token</source>
        <translation>Clearhaus-adgangstokenet</translation>
    </message>
    <message>
        <source>the Clearhaus API offers this client no {0} link (check its access)</source>
        <translation>Clearhaus-API’et giver ikke denne klient et {0}-link (tjek dens adgang)</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>mangler</translation>
    </message>
    <message>
        <source>is not a date (yyyy-mm-dd): {0!r}</source>
        <translation>er ikke en dato (åååå-mm-dd): {0!r}</translation>
    </message>
    <message>
        <source>is not the sum of its parts ({0})</source>
        <translation>er ikke summen af sine dele ({0})</translation>
    </message>
    <message>
        <source>is not net less the reserve ({0} - {1})</source>
        <translation>er ikke netto minus reserven ({0} - {1})</translation>
    </message>
    <message>
        <source>add up to {0}, not summary.other_postings</source>
        <translation>giver {0} i alt, ikke summary.other_postings</translation>
    </message>
    <message>
        <source>has unknown value {0!r}</source>
        <translation>har den ukendte værdi {0!r}</translation>
    </message>
    <message>
        <source>the answer has no link to {0}</source>
        <translation>svaret har intet link til {0}</translation>
    </message>
    <message>
        <source>the link to {0} points away from e-conomic ({1}); not followed</source>
        <translation>linket til {0} peger væk fra e-conomic ({1}); det følges ikke</translation>
    </message>
    <message>
        <source>the attachment is not an object</source>
        <translation>bilaget er ikke et objekt</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Contra account</source>
        <translation>Modkonto</translation>
    </message>
    <message>
        <source>VAT code</source>
        <translation>Momskode</translation>
    </message>
    <message>
        <source>Contra VAT code</source>
        <translation>Modmomskode</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Accounting year</source>
        <translation>Regnskabsår</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Kassekladde</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>Bilagsnummer</translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation>Posteringstekst</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>Exchange rate</source>
        <translation>Valutakurs</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Fakturanummer</translation>
    </message>
    <message>
        <source>voucher {0}, line {1}</source>
        <translation>bilag {0}, linje {1}</translation>
    </message>
    <message>
        <source>voucher {0}</source>
        <translation>bilag {0}</translation>
    </message>
    <message>
        <source>line {0}</source>
        <translation>linje {0}</translation>
    </message>
    <message>
        <source>Account {0} does not accept direct entries</source>
        <translation>Konto {0} tillader ikke direkte posteringer</translation>
    </message>
    <message>
        <source>Account {0} is barred</source>
        <translation>Konto {0} er spærret</translation>
    </message>
    <message>
        <source>Account {0} does not exist in e-conomic</source>
        <translation>Konto {0} findes ikke i e-conomic</translation>
    </message>
    <message>
        <source>Account {0}: {1}</source>
        <translation>Konto {0}: {1}</translation>
    </message>
    <message>
        <source>VAT code {0} does not exist in e-conomic</source>
        <translation>Momskode {0} findes ikke i e-conomic</translation>
    </message>
    <message>
        <source>VAT code {0} is barred</source>
        <translation>Momskode {0} er spærret</translation>
    </message>
    <message>
        <source>VAT code {0}: {1}</source>
        <translation>Momskode {0}: {1}</translation>
    </message>
    <message>
        <source>Customer {0} does not exist in e-conomic</source>
        <translation>Kunde {0} findes ikke i e-conomic</translation>
    </message>
    <message>
        <source>The entry text is longer than e-conomic allows (250 characters)</source>
        <translation>Posteringsteksten er længere end e-conomic tillader (250 tegn)</translation>
    </message>
    <message>
        <source>the request was refused</source>
        <translation>forespørgslen blev afvist</translation>
    </message>
    <message>
        <source>e-conomic asks econdesk to slow down (rate limit reached); try again shortly</source>
        <translation>e-conomic beder econdesk sætte farten ned (grænsen for forespørgsler er nået); prøv igen om lidt</translation>
    </message>
    <message>
        <source>the app or agreement token was not accepted (wrong, or the agreement revoked econdesk&apos;s access); connect econdesk to e-conomic again</source>
        <translation>app- eller aftaletokenet blev ikke godtaget (forkert, eller aftalen har trukket econdesks adgang tilbage); forbind econdesk til e-conomic igen</translation>
    </message>
    <message>
        <source>the agreement&apos;s grant does not allow this ({0})</source>
        <translation>aftalens adgang tillader ikke dette ({0})</translation>
    </message>
    <message>
        <source>the agreement&apos;s grant does not allow this</source>
        <translation>aftalens adgang tillader ikke dette</translation>
    </message>
    <message>
        <source>not found: {0}</source>
        <translation>findes ikke: {0}</translation>
    </message>
    <message>
        <source>the object was changed in e-conomic in the meantime; read it again</source>
        <translation>objektet er ændret i e-conomic i mellemtiden; hent det igen</translation>
    </message>
    <message>
        <source>e-conomic failed on its side; try again later</source>
        <translation>e-conomic fejlede hos sig selv; prøv igen senere</translation>
    </message>
    <message>
        <source>unexpected answer HTTP {0}: {1}</source>
        <translation>uventet svar HTTP {0}: {1}</translation>
    </message>
    <message>
        <source>unexpected answer HTTP {0}</source>
        <translation>uventet svar HTTP {0}</translation>
    </message>
    <message>
        <source>the app or agreement token was not accepted; connect econdesk to e-conomic again</source>
        <translation>app- eller aftaletokenet blev ikke godtaget; forbind econdesk til e-conomic igen</translation>
    </message>
    <message>
        <source>changed in e-conomic in the meantime: {0}</source>
        <translation>ændret i e-conomic i mellemtiden: {0}</translation>
    </message>
    <message>
        <source>e-conomic failed on its side: {0}</source>
        <translation>e-conomic fejlede hos sig selv: {0}</translation>
    </message>
    <message>
        <source>is not a date (YYYY-MM-DD): {0!r}</source>
        <translation>er ikke en dato (ÅÅÅÅ-MM-DD): {0!r}</translation>
    </message>
    <message>
        <source>is not an amount in {0}: {1}</source>
        <translation>er ikke et beløb i {0}: {1}</translation>
    </message>
    <message>
        <source>{0} is before fromDate {1}</source>
        <translation>{0} ligger før fromDate {1}</translation>
    </message>
    <message>
        <source>is not a whole number: {0}</source>
        <translation>er ikke et helt tal: {0}</translation>
    </message>
    <message>
        <source>holds no entries</source>
        <translation>har ingen posteringer</translation>
    </message>
    <message>
        <source>e-conomic answered the voucher POST with an empty list</source>
        <translation>e-conomic svarede på bilagenes POST med en tom liste</translation>
    </message>
    <message>
        <source>{0} (and 1 more problem)</source>
        <translation>{0} (og 1 problem mere)</translation>
    </message>
    <message>
        <source>{0} (and {1} more problems)</source>
        <translation>{0} (og {1} problemer mere)</translation>
    </message>
    <message>
        <source> (support id {0})</source>
        <translation> (support-id {0})</translation>
    </message>
    <message>
        <source>is not a bank export econdesk recognises (known layouts: {0}); import it with a column mapping instead</source>
        <translation>er ikke en bankudskrift econdesk kender (kendte formater: {0}); indlæs den med en kolonneopsætning i stedet</translation>
    </message>
    <message>
        <source>unknown bank layout {0!r}; known: {1}</source>
        <translation>ukendt bankformat {0!r}; kendte: {1}</translation>
    </message>
    <message>
        <source>is not an amount (ISO 20022 writes 1234.56)</source>
        <translation>er ikke et beløb (ISO 20022 skriver 1234.56)</translation>
    </message>
    <message>
        <source>has no valid Ccy currency attribute</source>
        <translation>har ingen gyldig Ccy-valutaattribut</translation>
    </message>
    <message>
        <source>has a DOCTYPE (entity declarations or external references); bank statements never do, so it is refused</source>
        <translation>har en DOCTYPE (entitetserklæringer eller eksterne referencer); det har kontoudtog aldrig, så den afvises</translation>
    </message>
    <message>
        <source>is not well-formed XML ({0})</source>
        <translation>er ikke velformet XML ({0})</translation>
    </message>
    <message>
        <source>must be CRDT or DBIT</source>
        <translation>skal være CRDT eller DBIT</translation>
    </message>
    <message>
        <source>has no booking date</source>
        <translation>har ingen bogføringsdato</translation>
    </message>
    <message>
        <source>is not a date</source>
        <translation>er ikke en dato</translation>
    </message>
    <message>
        <source>is not an ISO 20022 camt.052/053/054 file (root element {0!r})</source>
        <translation>er ikke en ISO 20022 camt.052/053/054-fil (rodelement {0!r})</translation>
    </message>
    <message>
        <source>has no {0}/GrpHdr</source>
        <translation>har ingen {0}/GrpHdr</translation>
    </message>
    <message>
        <source>is for account {0}, not {1}</source>
        <translation>gælder konto {0}, ikke {1}</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>er tom</translation>
    </message>
    <message>
        <source>lacks the columns {0}</source>
        <translation>mangler kolonnerne {0}</translation>
    </message>
    <message>
        <source>is not an amount</source>
        <translation>er ikke et beløb</translation>
    </message>
    <message>
        <source>is not a date (expected yyyy-mm-dd)</source>
        <translation>er ikke en dato (forventet åååå-mm-dd)</translation>
    </message>
    <message>
        <source>is not a currency code</source>
        <translation>er ikke en valutakode</translation>
    </message>
    <message>
        <source>must be zero or negative (deductions are negative)</source>
        <translation>skal være nul eller negativ (fradrag er negative)</translation>
    </message>
    <message>
        <source>is not the sum of sales, credits, refunds, chargebacks, fees and other postings ({0})</source>
        <translation>er ikke summen af salg, krediteringer, refunderinger, chargebacks, gebyrer og andre posteringer ({0})</translation>
    </message>
    <message>
        <source>differs from net ({0})</source>
        <translation>afviger fra netto ({0})</translation>
    </message>
    <message>
        <source>must be positive (the amount withheld)</source>
        <translation>skal være positiv (det tilbageholdte beløb)</translation>
    </message>
    <message>
        <source>is not a transaction type ({0})</source>
        <translation>er ikke en transaktionstype ({0})</translation>
    </message>
    <message>
        <source>has the wrong sign for a {0}</source>
        <translation>har forkert fortegn for en {0}</translation>
    </message>
    <message>
        <source>must be zero or negative (fees are deductions)</source>
        <translation>skal være nul eller negativ (gebyrer er fradrag)</translation>
    </message>
    <message>
        <source>is {0} but the transaction lines add up to {1}</source>
        <translation>er {0}, men transaktionslinjerne giver {1} i alt</translation>
    </message>
    <message>
        <source>is {0} but the transaction lines&apos; fees add up to {1}</source>
        <translation>er {0}, men transaktionslinjernes gebyrer giver {1} i alt</translation>
    </message>
    <message>
        <source>repeats the settlement on line {0}</source>
        <translation>gentager afregningen på linje {0}</translation>
    </message>
    <message>
        <source>is not a settlement in {0}</source>
        <translation>er ikke en afregning i {0}</translation>
    </message>
    <message>
        <source>is not a folder (providers.clearhaus.settlements_folder)</source>
        <translation>er ikke en mappe (providers.clearhaus.settlements_folder)</translation>
    </message>
    <message>
        <source>has no settlement summary beside it (expected {0})</source>
        <translation>har ingen afregningsoversigt ved siden af sig (forventet {0})</translation>
    </message>
    <message>
        <source>differs from {0} about this settlement</source>
        <translation>afviger fra {0} om denne afregning</translation>
    </message>
    <message>
        <source> line {0}</source>
        <translation> linje {0}</translation>
    </message>
    <message>
        <source>, column &quot;{0}&quot;</source>
        <translation>, kolonne &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>, element {0}</source>
        <translation>, element {0}</translation>
    </message>
    <message>
        <source>cannot be grouped into payouts: mapping {0!r} names no payout_reference column</source>
        <translation>kan ikke samles i udbetalinger: opsætningen {0!r} angiver ingen payout_reference-kolonne</translation>
    </message>
    <message>
        <source>mixes currencies {0} in one payout</source>
        <translation>blander valutaerne {0} i én udbetaling</translation>
    </message>
    <message>
        <source>has no payout reference</source>
        <translation>har ingen udbetalingsreference</translation>
    </message>
    <message>
        <source>cannot name column &quot;{0}&quot; in a file without a header; use its position, e.g. &quot;#3&quot;</source>
        <translation>kan ikke nævne kolonnen &quot;{0}&quot; i en fil uden overskrifter; brug dens placering, fx &quot;#3&quot;</translation>
    </message>
    <message>
        <source>has no column &quot;{0}&quot; (for the {1}); its columns are {2}</source>
        <translation>har ingen kolonne &quot;{0}&quot; (til {1}); dens kolonner er {2}</translation>
    </message>
    <message>
        <source>is not a readable CSV file ({0})</source>
        <translation>er ikke en læsbar CSV-fil ({0})</translation>
    </message>
    <message>
        <source>has {0} columns, so there is no {1!r} value</source>
        <translation>har {0} kolonner, så der er ingen {1!r}-værdi</translation>
    </message>
    <message>
        <source>is empty, expected an amount</source>
        <translation>er tom, forventede et beløb</translation>
    </message>
    <message>
        <source>is not a date (expected {0})</source>
        <translation>er ikke en dato (forventet {0})</translation>
    </message>
    <message>
        <source>has neither a credit nor a debit amount</source>
        <translation>har hverken et kredit- eller et debetbeløb</translation>
    </message>
    <message>
        <source>has more decimals than {0} allows</source>
        <translation>har flere decimaler end {0} tillader</translation>
    </message>
    <message>
        <source>is not a known kind (known: {0})</source>
        <translation>er ikke en kendt type (kendte: {0})</translation>
    </message>
    <message>
        <source>cannot be read: {0}</source>
        <translation>kan ikke læses: {0}</translation>
    </message>
    <message>
        <source>unknown encoding {0!r}</source>
        <translation>ukendt tegnkodning {0!r}</translation>
    </message>
    <message>
        <source>is not valid {0} text (byte {1})</source>
        <translation>er ikke gyldig {0}-tekst (byte {1})</translation>
    </message>
    <message>
        <source>the private API key</source>
        <translation>den private API-nøgle</translation>
    </message>
    <message>
        <source>{0} {1}: field &apos;{2}&apos; names {3}, which Frisbii does not know</source>
        <translation>{0} {1}: feltet &apos;{2}&apos; nævner {3}, som Frisbii ikke kender</translation>
    </message>
    <message>
        <source>the credentials were not accepted</source>
        <translation>adgangsoplysningerne blev ikke godtaget</translation>
    </message>
    <message>
        <source>the credentials do not allow this</source>
        <translation>adgangsoplysningerne tillader ikke dette</translation>
    </message>
    <message>
        <source>the object was changed by someone else</source>
        <translation>objektet er ændret af en anden</translation>
    </message>
    <message>
        <source>too many requests; try again later</source>
        <translation>for mange forespørgsler; prøv igen senere</translation>
    </message>
    <message>
        <source>the service failed on its side</source>
        <translation>tjenesten fejlede hos sig selv</translation>
    </message>
    <message>
        <source>the answer for {0} is not valid JSON</source>
        <translation>svaret på {0} er ikke gyldig JSON</translation>
    </message>
    <message>
        <source>could not connect to {0}</source>
        <translation>kunne ikke forbinde til {0}</translation>
    </message>
    <message>
        <source>{0} did not answer in time</source>
        <translation>{0} svarede ikke i tide</translation>
    </message>
    <message>
        <source>the connection to {0} was lost before it answered</source>
        <translation>forbindelsen til {0} blev afbrudt, før den svarede</translation>
    </message>
    <message>
        <source>the client id, secret and subscription key</source>
        <translation>klient-id, hemmelighed og abonnementsnøgle</translation>
    </message>
    <message>
        <source>access token refused: {0}</source>
        <translation>adgangstoken afvist: {0}</translation>
    </message>
    <message>
        <source>is not a date (yyyy-MM-dd): {0!r}</source>
        <translation>er ikke en dato (åååå-MM-dd): {0!r}</translation>
    </message>
    <message>
        <source>is not balanceBefore plus amount</source>
        <translation>er ikke balanceBefore plus amount</translation>
    </message>
    <message>
        <source>expected a {0} object at {1}, got {2}</source>
        <translation>forventede et {0}-objekt ved {1}, fik {2}</translation>
    </message>
    <message>
        <source>expected a {0} object, got {1}</source>
        <translation>forventede et {0}-objekt, fik {1}</translation>
    </message>
    <message>
        <source>{0}: field &apos;{1}&apos; {2}</source>
        <translation>{0}: feltet &apos;{1}&apos; {2}</translation>
    </message>
    <message>
        <source>is null</source>
        <translation>er null</translation>
    </message>
    <message>
        <source>must be a string, got {0}</source>
        <translation>skal være en tekst, fik {0}</translation>
    </message>
    <message>
        <source>must be a string or null, got {0}</source>
        <translation>skal være en tekst eller null, fik {0}</translation>
    </message>
    <message>
        <source>must be an integer, got {0}</source>
        <translation>skal være et heltal, fik {0}</translation>
    </message>
    <message>
        <source>must be true or false, got {0}</source>
        <translation>skal være true eller false, fik {0}</translation>
    </message>
    <message>
        <source>must be a number, got {0}</source>
        <translation>skal være et tal, fik {0}</translation>
    </message>
    <message>
        <source>has unknown value {0!r} (known: {1})</source>
        <translation>har den ukendte værdi {0!r} (kendte: {1})</translation>
    </message>
    <message>
        <source>is not an ISO 4217 currency code: {0!r}</source>
        <translation>er ikke en ISO 4217-valutakode: {0!r}</translation>
    </message>
    <message>
        <source>must be integer minor units, got {0}</source>
        <translation>skal være et helt antal mindste enheder (øre), fik {0}</translation>
    </message>
    <message>
        <source>must be Unix seconds (an integer), got {0}</source>
        <translation>skal være Unix-sekunder (et heltal), fik {0}</translation>
    </message>
    <message>
        <source>is not a plausible Unix time in seconds: {0}</source>
        <translation>er ikke et sandsynligt Unix-tidspunkt i sekunder: {0}</translation>
    </message>
    <message>
        <source>is not an ISO-8601 date-time: {0!r}</source>
        <translation>er ikke et ISO-8601-tidspunkt: {0!r}</translation>
    </message>
    <message>
        <source>has no UTC offset: {0!r}</source>
        <translation>har ingen UTC-forskydning: {0!r}</translation>
    </message>
    <message>
        <source>must be an object, got {0}</source>
        <translation>skal være et objekt, fik {0}</translation>
    </message>
    <message>
        <source>must be a list, got {0}</source>
        <translation>skal være en liste, fik {0}</translation>
    </message>
    <message>
        <source>must map strings to strings, got {0}</source>
        <translation>skal knytte tekster til tekster, fik {0}</translation>
    </message>
    <message>
        <source>the API key</source>
        <translation>API-nøglen</translation>
    </message>
    <message>
        <source>{0} was not accepted ({1})</source>
        <translation>{0} blev ikke godtaget ({1})</translation>
    </message>
    <message>
        <source>{0} may not do this ({1})</source>
        <translation>{0} må ikke gøre dette ({1})</translation>
    </message>
    <message>
        <source>too many requests ({0})</source>
        <translation>for mange forespørgsler ({0})</translation>
    </message>
    <message>
        <source>{0} failed on its side ({1})</source>
        <translation>{0} fejlede hos sig selv ({1})</translation>
    </message>
    <message>
        <source>{0} is not well-formed XML: {1}</source>
        <translation>{0} er ikke velformet XML: {1}</translation>
    </message>
    <message>
        <source>{0}: expected a date YYYY-MM-DD, got {1!r}</source>
        <translation>{0}: forventede en dato ÅÅÅÅ-MM-DD, fik {1!r}</translation>
    </message>
    <message>
        <source>{0}: expected a rate, got {1!r}</source>
        <translation>{0}: forventede en kurs, fik {1!r}</translation>
    </message>
    <message>
        <source>{0}: expected a positive rate, got {1!r}</source>
        <translation>{0}: forventede en positiv kurs, fik {1!r}</translation>
    </message>
    <message>
        <source>Nationalbanken&apos;s rates: expected &lt;exchangerates refcur=&quot;DKK&quot;&gt;, got &lt;{0}&gt;</source>
        <translation>Nationalbankens kurser: forventede &lt;exchangerates refcur=&quot;DKK&quot;&gt;, fik &lt;{0}&gt;</translation>
    </message>
    <message>
        <source>{0}: expected a currency code</source>
        <translation>{0}: forventede en valutakode</translation>
    </message>
    <message>
        <source>Nationalbanken&apos;s rates: no &lt;dailyrates&gt; in the document</source>
        <translation>Nationalbankens kurser: ingen &lt;dailyrates&gt; i dokumentet</translation>
    </message>
    <message>
        <source>the ECB&apos;s rates: no &lt;Cube time=…&gt; with a DKK rate</source>
        <translation>ECB’s kurser: ingen &lt;Cube time=…&gt; med en DKK-kurs</translation>
    </message>
    <message>
        <source>the secret key</source>
        <translation>den hemmelige nøgle</translation>
    </message>
    <message>
        <source>is {0!r}, expected &apos;list&apos;</source>
        <translation>er {0!r}, forventede &apos;list&apos;</translation>
    </message>
    <message>
        <source>is {0}, but amount {1} less fee {2} is {3}</source>
        <translation>er {0}, men beløbet {1} minus gebyret {2} er {3}</translation>
    </message>
    <message>
        <source>payout {0}: component {1} is in {2}, the payout in {3}</source>
        <translation>udbetaling {0}: delen {1} er i {2}, udbetalingen i {3}</translation>
    </message>
    <message>
        <source>needs an amount column, or both credit and debit columns</source>
        <translation>skal have en beløbskolonne eller både en kredit- og en debetkolonne</translation>
    </message>
    <message>
        <source>decimal_mark must be &quot;,&quot;, &quot;.&quot; or &quot;auto&quot;, not {0!r}</source>
        <translation>decimal_mark skal være &quot;,&quot;, &quot;.&quot; eller &quot;auto&quot;, ikke {0!r}</translation>
    </message>
    <message>
        <source>sign must be one of {0}, not {1!r}</source>
        <translation>sign skal være en af {0}, ikke {1!r}</translation>
    </message>
    <message>
        <source>delimiter must be one character or &apos;auto&apos;, not {0!r}</source>
        <translation>delimiter skal være ét tegn eller &apos;auto&apos;, ikke {0!r}</translation>
    </message>
    <message>
        <source>skip_lines must not be negative</source>
        <translation>skip_lines må ikke være negativ</translation>
    </message>
    <message>
        <source>kind_values may map to payment, refund, chargeback, fee or adjustment, not {0}</source>
        <translation>kind_values kan pege på payment, refund, chargeback, fee eller adjustment, ikke {0}</translation>
    </message>
    <message>
        <source>unknown keys {0}</source>
        <translation>ukendte nøgler {0}</translation>
    </message>
    <message>
        <source>must be a list of strings</source>
        <translation>skal være en liste af tekster</translation>
    </message>
    <message>
        <source>must be a table of strings</source>
        <translation>skal være en tabel af tekster</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>skal være true eller false</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>skal være et helt tal</translation>
    </message>
    <message>
        <source>must be a string, not {0!r}</source>
        <translation>skal være en tekst, ikke {0!r}</translation>
    </message>
    <message>
        <source>cannot read the mapping: {0}</source>
        <translation>kan ikke læse kolonneopsætningen: {0}</translation>
    </message>
    <message>
        <source>not a valid mapping file: {0}</source>
        <translation>ikke en gyldig fil med kolonneopsætning: {0}</translation>
    </message>
    <message>
        <source>a mapping must be a table/object</source>
        <translation>en kolonneopsætning skal være en tabel/et objekt</translation>
    </message>
    <message>
        <source>reverse needs --reason TEXT</source>
        <translation>reverse kræver --reason TEKST</translation>
    </message>
    <message>
        <source>{0}  voucher {1} reversed by voucher {2} (found in e-conomic after an interrupted run); the match is proposed again</source>
        <translation>{0}  bilag {1} tilbageført med bilag {2} (fundet i e-conomic efter en afbrudt kørsel); afstemningen er foreslået igen</translation>
    </message>
    <message>
        <source>{0}  voucher {1} reversed by voucher {2}; the match is proposed again</source>
        <translation>{0}  bilag {1} tilbageført med bilag {2}; afstemningen er foreslået igen</translation>
    </message>
    <message>
        <source>{0}  not reversed ({1}): {2}</source>
        <translation>{0}  ikke tilbageført ({1}): {2}</translation>
    </message>
    <message>
        <source>{0} is reversed, but its bilag or booking failed</source>
        <translation>{0} er tilbageført, men dets bilag eller bogføring mislykkedes</translation>
    </message>
    <message>
        <source>{0} was not reversed: {1}</source>
        <translation>{0} blev ikke tilbageført: {1}</translation>
    </message>
    <message>
        <source>a reversal needs a reason</source>
        <translation>en tilbageførsel kræver en begrundelse</translation>
    </message>
    <message>
        <source>only posted matches can be reversed: {0} is {1}</source>
        <translation>kun bogførte afstemninger kan tilbageføres: {0} er {1}</translation>
    </message>
    <message>
        <source>{0} is posted, but econdesk holds no record of its voucher&apos;s lines</source>
        <translation>{0} er bogført, men econdesk har ingen registrering af bilagets linjer</translation>
    </message>
    <message>
        <source>{0} is in {1}, which is signed off: reopen the period or book the reversal on a day of an open month</source>
        <translation>{0} ligger i {1}, som er afsluttet: genåbn perioden, eller bogfør tilbageførslen på en dag i en åben måned</translation>
    </message>
    <message>
        <source>{0} changed while its reversal was built (it is {1} now): look at it again</source>
        <translation>{0} blev ændret, mens tilbageførslen blev dannet (den er {1} nu): se på den igen</translation>
    </message>
    <message>
        <source>a reversal cannot be dated {0}, before the voucher it reverses ({1})</source>
        <translation>en tilbageførsel kan ikke dateres {0}, før det bilag den tilbagefører ({1})</translation>
    </message>
    <message>
        <source>e-conomic has no accounting year holding {0}</source>
        <translation>e-conomic har intet regnskabsår, der indeholder {0}</translation>
    </message>
    <message>
        <source>voucher {0} is in accounting year {1}, which is closed in e-conomic: book the reversal in an open period with --date YYYY-MM-DD</source>
        <translation>bilag {0} ligger i regnskabsår {1}, som er lukket i e-conomic: bogfør tilbageførslen i en åben periode med --date ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>accounting year {0} is closed in e-conomic</source>
        <translation>regnskabsår {0} er lukket i e-conomic</translation>
    </message>
    <message>
        <source>The accounting year {0} is closed in e-conomic, so nothing dated {1} can be posted. Reopen the year in e-conomic, then post again.</source>
        <translation>Regnskabsåret {0} er lukket i e-conomic, så intet med dato {1} kan bogføres. Genåbn året i e-conomic, og bogfør igen.</translation>
    </message>
    <message>
        <source>The accounting period holding {0} is closed in e-conomic. Reopen the period in e-conomic, then post again.</source>
        <translation>Regnskabsperioden med {0} er lukket i e-conomic. Genåbn perioden i e-conomic, og bogfør igen.</translation>
    </message>
    <message>
        <source>The VAT for the period holding {0} is already settled in e-conomic, so no entry with VAT can be dated in it. The match stays approved.</source>
        <translation>Momsen for perioden med {0} er allerede afregnet i e-conomic, så ingen postering med moms kan dateres i den. Afstemningen forbliver godkendt.</translation>
    </message>
    <message>
        <source>The accounting year {0} is closed in e-conomic, so the reversal cannot be dated {1}. Reverse it again on a day of an open year (--date YYYY-MM-DD); the match stays posted.</source>
        <translation>Regnskabsåret {0} er lukket i e-conomic, så tilbageførslen kan ikke dateres {1}. Tilbagefør igen på en dag i et åbent regnskabsår (--date ÅÅÅÅ-MM-DD); afstemningen forbliver bogført.</translation>
    </message>
    <message>
        <source>The accounting period holding {0} is closed in e-conomic, so the reversal cannot be dated in it. Reverse it again on a day of an open period (--date YYYY-MM-DD); the match stays posted.</source>
        <translation>Regnskabsperioden med {0} er lukket i e-conomic, så tilbageførslen kan ikke dateres i den. Tilbagefør igen på en dag i en åben periode (--date ÅÅÅÅ-MM-DD); afstemningen forbliver bogført.</translation>
    </message>
    <message>
        <source>The VAT for the period holding {0} is already settled in e-conomic, so the reversal cannot be dated in it. Reverse it again on a day of an open period (--date YYYY-MM-DD); the match stays posted.</source>
        <translation>Momsen for perioden med {0} er allerede afregnet i e-conomic, så tilbageførslen kan ikke dateres i den. Tilbagefør igen på en dag i en åben periode (--date ÅÅÅÅ-MM-DD); afstemningen forbliver bogført.</translation>
    </message>
    <message>
        <source>booked invoice {0}: {1}</source>
        <translation>bogført faktura {0}: {1}</translation>
    </message>
    <message>
        <source>proposed</source>
        <translation>foreslået</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>godkendt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>afvist</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>parkeret</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>trukket tilbage</translation>
    </message>
    <message>
        <source>claimed</source>
        <translation>reserveret</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sendt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fejlet</translation>
    </message>
    <message>
        <source>open</source>
        <translation>åben</translation>
    </message>
    <message>
        <source>signed off</source>
        <translation>afsluttet</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>genåbnet</translation>
    </message>
    <message>
        <source>could not read what its bank entry was booked against: {0}</source>
        <translation>kunne ikke læse, hvad bankposteringen blev bogført mod: {0}</translation>
    </message>
    <message>
        <source>its bank entry {0} was not found in e-conomic with a voucher, so what it was booked against cannot be checked</source>
        <translation>bankposteringen {0} blev ikke fundet i e-conomic med et bilag, så det kan ikke kontrolleres, hvad den blev bogført mod</translation>
    </message>
    <message>
        <source>account {0}</source>
        <translation>konto {0}</translation>
    </message>
    <message>
        <source>no other account in its voucher</source>
        <translation>ingen anden konto i dens bilag</translation>
    </message>
    <message>
        <source>its bank entry {0} was booked against {1}, not the clearing account {2}: the clearing profile would empty a clearing account the deposit never reached</source>
        <translation>bankposteringen {0} blev bogført mod {1}, ikke mellemregningskontoen {2}: clearing-profilen ville tømme en mellemregningskonto, som indbetalingen aldrig nåede</translation>
    </message>
    <message>
        <source>could not check the bank account in e-conomic: {0}</source>
        <translation>kunne ikke kontrollere bankkontoen i e-conomic: {0}</translation>
    </message>
    <message>
        <source>its deposit {0} ({1} on {2}, {3!r}) is already on the bank account in e-conomic as {4}: the direct profile would book it twice</source>
        <translation>indbetalingen {0} ({1} den {2}, {3!r}) står allerede på bankkontoen i e-conomic som {4}: direct-profilen ville bogføre den to gange</translation>
    </message>
    <message>
        <source>{0} has no posting</source>
        <translation>{0} har ingen overførsel</translation>
    </message>
    <message>
        <source>could not ask e-conomic: {0}</source>
        <translation>kunne ikke spørge e-conomic: {0}</translation>
    </message>
    <message>
        <source>the upload failed ({0}) and e-conomic could not be asked: {1}</source>
        <translation>upload mislykkedes ({0}), og e-conomic kunne ikke spørges: {1}</translation>
    </message>
    <message>
        <source>e-conomic did not take the bilag: {0}</source>
        <translation>e-conomic tog ikke imod bilaget: {0}</translation>
    </message>
    <message>
        <source>the store is from another econdesk version: open the client</source>
        <translation>databasen er fra en anden econdesk-version: åbn klienten</translation>
    </message>
    <message>
        <source>cannot read the store: {0}</source>
        <translation>kan ikke læse databasen: {0}</translation>
    </message>
    <message>
        <source>the mappings are now version {0}, you edited version {1}: reload and edit again</source>
        <translation>konteringen er nu version {0}, du redigerede version {1}: genindlæs og redigér igen</translation>
    </message>
    <message>
        <source>reject needs match ids</source>
        <translation>reject kræver afstemnings-id&apos;er</translation>
    </message>
    <message>
        <source>{0} has not been signed off</source>
        <translation>{0} er ikke afsluttet</translation>
    </message>
    <message>
        <source>{0} cannot be signed off while {1} is being posted: run `econdesk post` to settle it first</source>
        <translation>{0} kan ikke afsluttes, mens {1} er ved at blive overført: kør `econdesk post` for at afklare det først</translation>
    </message>
    <message>
        <source>{0} is {1}</source>
        <translation>{0} er {1}</translation>
    </message>
    <message>
        <source>{0}: there is no such deposit to post; reject the match and match again</source>
        <translation>{0}: der er ingen sådan indbetaling at overføre; afvis afstemningen og afstem igen</translation>
    </message>
    <message>
        <source>only proposed, parked or approved matches are previewed: {0}</source>
        <translation>kun foreslåede, parkerede eller godkendte afstemninger kan forhåndsvises: {0}</translation>
    </message>
    <message>
        <source>only approved matches are posted: {0}</source>
        <translation>kun godkendte afstemninger overføres: {0}</translation>
    </message>
    <message>
        <source>e-conomic refused it: {0}</source>
        <translation>e-conomic afviste det: {0}</translation>
    </message>
    <message>
        <source>no exchange rates are set up to book a {0} sale of {1}</source>
        <translation>der er ikke sat valutakurser op til at bogføre et {0}-salg fra {1}</translation>
    </message>
    <message>
        <source>marker {0} found without a voucher number</source>
        <translation>mærket {0} blev fundet uden bilagsnummer</translation>
    </message>
    <message>
        <source>still in doubt; e-conomic could not be asked: {0}</source>
        <translation>stadig i tvivl; e-conomic kunne ikke spørges: {0}</translation>
    </message>
    <message>
        <source>an interrupted run left it claimed; it was never sent</source>
        <translation>en afbrudt kørsel efterlod den reserveret; den blev aldrig sendt</translation>
    </message>
    <message>
        <source>sent {0} UTC, and its marker {1} is still not in e-conomic after its key&apos;s hour: not posted</source>
        <translation>sendt {0} UTC, og mærket {1} er stadig ikke i e-conomic efter nøglens time: ikke overført</translation>
    </message>
    <message>
        <source>{0} changed while its voucher was built (version {1} -&gt; {2}); post again</source>
        <translation>{0} blev ændret, mens bilaget blev dannet (version {1} -&gt; {2}); overfør igen</translation>
    </message>
    <message>
        <source>could not look up its earlier marker {0}: {1}</source>
        <translation>kunne ikke slå det tidligere mærke {0} op: {1}</translation>
    </message>
    <message>
        <source>the earlier attempt {0} on the same lines (marker {1})</source>
        <translation>det tidligere forsøg {0} på de samme linjer (mærke {1})</translation>
    </message>
    <message>
        <source>could not check whether {0} was posted: {1}</source>
        <translation>kunne ikke kontrollere, om {0} blev overført: {1}</translation>
    </message>
    <message>
        <source>{0} is in e-conomic as voucher {1}: not posted again</source>
        <translation>{0} er i e-conomic som bilag {1}: ikke overført igen</translation>
    </message>
    <message>
        <source>{0} is still in doubt: not posted yet</source>
        <translation>{0} er stadig i tvivl: ikke overført endnu</translation>
    </message>
    <message>
        <source>could not check e-conomic before sending again: {0}</source>
        <translation>kunne ikke kontrollere e-conomic før afsendelse igen: {0}</translation>
    </message>
    <message>
        <source>{0}; e-conomic could not be asked either: {1}</source>
        <translation>{0}; e-conomic kunne heller ikke spørges: {1}</translation>
    </message>
    <message>
        <source>{0}; marker {1} is not in e-conomic yet, but e-conomic may still be committing it: it is looked up again (and resent under the same key within the hour) before anything else</source>
        <translation>{0}; mærket {1} er ikke i e-conomic endnu, men e-conomic kan stadig være ved at gemme det: det slås op igen (og gensendes under samme nøgle inden for timen), før noget andet sker</translation>
    </message>
    <message>
        <source>{0}; marker {1} is not in e-conomic: not posted</source>
        <translation>{0}; mærket {1} er ikke i e-conomic: ikke overført</translation>
    </message>
    <message>
        <source>no clear answer from e-conomic ({0})</source>
        <translation>intet klart svar fra e-conomic ({0})</translation>
    </message>
    <message>
        <source>e-conomic&apos;s answer did not include it</source>
        <translation>e-conomics svar indeholdt det ikke</translation>
    </message>
    <message>
        <source>posted, but booking the drafts failed: {0}</source>
        <translation>overført, men bogføring af kladdeposteringerne mislykkedes: {0}</translation>
    </message>
    <message>
        <source>--before {0!r}: expected a year, e.g. 2021 or 2021/2022</source>
        <translation>--before {0!r}: forventede et år, f.eks. 2021 eller 2021/2022</translation>
    </message>
    <message>
        <source>--before {0}: the years before {1} must be kept until {2} (five years from the end of the financial year, bogføringsloven §10); nothing was changed</source>
        <translation>--before {0}: årene før {1} skal opbevares til {2} (fem år fra regnskabsårets udløb, bogføringsloven §10); intet blev ændret</translation>
    </message>
    <message>
        <source>--customer {0!r}: expected PROVIDER:CUSTOMER_ID, e.g. stripe:cus_NZbFQAsc0ptasX</source>
        <translation>--customer {0!r}: forventede UDBYDER:KUNDE_ID, f.eks. stripe:cus_NZbFQAsc0ptasX</translation>
    </message>
    <message>
        <source>say whose data: --customer PROVIDER:CUSTOMER_ID or --name NAME</source>
        <translation>angiv hvis data: --customer UDBYDER:KUNDE_ID eller --name NAVN</translation>
    </message>
    <message>
        <source>no {0} exchange rate published on or before {1} (Danmarks Nationalbank, ECB)</source>
        <translation>ingen {0}-kurs offentliggjort den {1} eller før (Danmarks Nationalbank, ECB)</translation>
    </message>
    <message>
        <source>give a label, e.g. rent, wages or tax</source>
        <translation>angiv en betegnelse, f.eks. husleje, løn eller skat</translation>
    </message>
    <message>
        <source>no such bank line: {0}</source>
        <translation>ingen sådan banklinje: {0}</translation>
    </message>
    <message>
        <source>a match holds {0}: reject it first</source>
        <translation>en afstemning indeholder {0}: afvis den først</translation>
    </message>
    <message>
        <source>{0} is in {1}; daily rates are known against DKK only, the agreement&apos;s currency is {2}</source>
        <translation>{0} er i {1}; dagskurser kendes kun mod DKK, aftalens valuta er {2}</translation>
    </message>
    <message>
        <source>{0}: its item {1} is no longer in the store</source>
        <translation>{0}: dens post {1} er ikke længere i databasen</translation>
    </message>
    <message>
        <source>no actor for the audit log: open the database with an actor</source>
        <translation>ingen aktør til revisionssporet: åbn databasen med en aktør</translation>
    </message>
    <message>
        <source>a transaction that takes row locks only cannot take the writer lock</source>
        <translation>en transaktion, der kun tager rækkelåse, kan ikke tage skrivelåsen</translation>
    </message>
    <message>
        <source>the database {0} stayed busy (another econdesk is writing): try again</source>
        <translation>databasen {0} forblev optaget (en anden econdesk skriver): prøv igen</translation>
    </message>
    <message>
        <source>cannot reach the database {0}</source>
        <translation>kan ikke nå databasen {0}</translation>
    </message>
    <message>
        <source>cannot open the database {0}: {1}</source>
        <translation>kan ikke åbne databasen {0}: {1}</translation>
    </message>
    <message>
        <source>not a database URL (expected sqlite:///FILE or postgresql+psycopg://...)</source>
        <translation>ikke en database-URL (forventede sqlite:///FIL eller postgresql+psycopg://...)</translation>
    </message>
    <message>
        <source>{0!r} is not a schema name (a-z, 0-9 and _, up to 63)</source>
        <translation>{0!r} er ikke et skemanavn (a-z, 0-9 og _, højst 63)</translation>
    </message>
    <message>
        <source>a schema is for a PostgreSQL database, not an SQLite file</source>
        <translation>et skema er til en PostgreSQL-database, ikke en SQLite-fil</translation>
    </message>
    <message>
        <source>unsupported database {0!r}: use sqlite:/// or postgresql+psycopg://</source>
        <translation>databasen {0!r} understøttes ikke: brug sqlite:/// eller postgresql+psycopg://</translation>
    </message>
    <message>
        <source>this database has schema {0!r}, made by a newer econdesk: upgrade econdesk</source>
        <translation>denne database har skema {0!r}, lavet af en nyere econdesk: opgradér econdesk</translation>
    </message>
    <message>
        <source>not a match id: {0!r} (expected e.g. m-000123)</source>
        <translation>ikke et afstemnings-id: {0!r} (forventede f.eks. m-000123)</translation>
    </message>
    <message>
        <source>not a sales summary id: {0!r} (expected e.g. s-000007)</source>
        <translation>ikke et salgsopgørelses-id: {0!r} (forventede f.eks. s-000007)</translation>
    </message>
    <message>
        <source>booked in e-conomic as {0}</source>
        <translation>bogført i e-conomic som {0}</translation>
    </message>
    <message>
        <source>no longer in e-conomic&apos;s daybook (deleted)</source>
        <translation>ikke længere i e-conomics kassekladde (slettet)</translation>
    </message>
    <message>
        <source>no bank entry {0}</source>
        <translation>ingen bankpostering {0}</translation>
    </message>
    <message>
        <source>the bilag of voucher {0} is being sent by another run</source>
        <translation>bilaget til bilag {0} sendes af en anden kørsel</translation>
    </message>
    <message>
        <source>no bilag recorded for voucher {0}</source>
        <translation>intet bilag registreret for bilag {0}</translation>
    </message>
    <message>
        <source>the bilag of voucher {0} is attached</source>
        <translation>bilaget til bilag {0} er vedhæftet</translation>
    </message>
    <message>
        <source>no mappings version {0}</source>
        <translation>ingen konteringsversion {0}</translation>
    </message>
    <message>
        <source>the mappings were changed by someone else (now version {0}, you edited version {1}): reload and edit again</source>
        <translation>konteringen blev ændret af en anden (nu version {0}, du redigerede version {1}): genindlæs og redigér igen</translation>
    </message>
    <message>
        <source>someone else saved mappings version {0} at the same moment: reload</source>
        <translation>en anden gemte konteringsversion {0} i samme øjeblik: genindlæs</translation>
    </message>
    <message>
        <source>no match {0}</source>
        <translation>ingen afstemning {0}</translation>
    </message>
    <message>
        <source>a new match cannot start as {0}</source>
        <translation>en ny afstemning kan ikke starte som {0}</translation>
    </message>
    <message>
        <source>{0} is in two of the new matches</source>
        <translation>{0} er i to af de nye afstemninger</translation>
    </message>
    <message>
        <source>{0} is {1} and cannot become {2}</source>
        <translation>{0} er {1} og kan ikke blive {2}</translation>
    </message>
    <message>
        <source>{0}: posting needs the voucher number</source>
        <translation>{0}: overførsel kræver bilagsnummeret</translation>
    </message>
    <message>
        <source>{0} is {1}: only proposed or parked matches change</source>
        <translation>{0} er {1}: kun foreslåede eller parkerede afstemninger kan ændres</translation>
    </message>
    <message>
        <source>{0} (booked from {1}) is in {2} match {3} as well as in {4}</source>
        <translation>{0} (bogført fra {1}) er i {2} afstemning {3} såvel som i {4}</translation>
    </message>
    <message>
        <source>{0} was changed by someone else (it is now version {1}, {2}; you had version {3}): reload it and try again</source>
        <translation>{0} blev ændret af en anden (den er nu version {1}, {2}; du havde version {3}): genindlæs den og prøv igen</translation>
    </message>
    <message>
        <source>the match names refs the store does not hold: {0}</source>
        <translation>afstemningen nævner referencer, som databasen ikke har: {0}</translation>
    </message>
    <message>
        <source>{0} appears twice in one match</source>
        <translation>{0} optræder to gange i én afstemning</translation>
    </message>
    <message>
        <source>{0} is already in live match {1}</source>
        <translation>{0} er allerede i den aktive afstemning {1}</translation>
    </message>
    <message>
        <source>the match</source>
        <translation>afstemningen</translation>
    </message>
    <message>
        <source>{0} was changed by someone else meanwhile: reload it and try again</source>
        <translation>{0} blev ændret af en anden i mellemtiden: genindlæs den og prøv igen</translation>
    </message>
    <message>
        <source>one of the match&apos;s bank entries or items was just put in another live match ({0}): reload and try again</source>
        <translation>en af afstemningens bankposteringer eller poster blev netop sat i en anden aktiv afstemning ({0}): genindlæs og prøv igen</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>godkender</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>afviser</translation>
    </message>
    <message>
        <source>park</source>
        <translation>parkerer</translation>
    </message>
    <message>
        <source>reopen</source>
        <translation>genåbner</translation>
    </message>
    <message>
        <source>change</source>
        <translation>ændrer</translation>
    </message>
    <message>
        <source>post</source>
        <translation>overfører</translation>
    </message>
    <message>
        <source>make</source>
        <translation>laver</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>tilbagefører</translation>
    </message>
    <message>
        <source>{0} is in {1}, which is signed off: reopen the period (econdesk period reopen {1} --reason ...) before you {2} it</source>
        <translation>{0} er i {1}, som er afsluttet: genåbn perioden (econdesk period reopen {1} --reason ...), før du {2} den</translation>
    </message>
    <message>
        <source>{0} is in {1}, which is signed off: reopen the period before you {2} a match of it</source>
        <translation>{0} er i {1}, som er afsluttet: genåbn perioden, før du {2} en afstemning af den</translation>
    </message>
    <message>
        <source>{0} is already signed off ({1})</source>
        <translation>{0} er allerede afsluttet ({1})</translation>
    </message>
    <message>
        <source>{0} is {1}: only a signed-off period can be approved</source>
        <translation>{0} er {1}: kun en afsluttet periode kan godkendes</translation>
    </message>
    <message>
        <source>{0} was signed off by {1}: a different person must approve it</source>
        <translation>{0} blev afsluttet af {1}: en anden person skal godkende den</translation>
    </message>
    <message>
        <source>reopening {0} needs a reason</source>
        <translation>genåbning af {0} kræver en begrundelse</translation>
    </message>
    <message>
        <source>{0} is {1}, not signed off</source>
        <translation>{0} er {1}, ikke afsluttet</translation>
    </message>
    <message>
        <source>no actor: open the database with an actor</source>
        <translation>ingen aktør: åbn databasen med en aktør</translation>
    </message>
    <message>
        <source>{0} is already posted as voucher {1}</source>
        <translation>{0} er allerede overført som bilag {1}</translation>
    </message>
    <message>
        <source>{0} is being posted ({1} by {2} at {3} UTC); if that run died, check the daybook for marker {4!r} first</source>
        <translation>{0} er ved at blive overført ({1} af {2} kl. {3} UTC); hvis den kørsel døde, så se først efter mærket {4!r} i kassekladden</translation>
    </message>
    <message>
        <source>{0} is {1}, not {2}</source>
        <translation>{0} er {1}, ikke {2}</translation>
    </message>
    <message>
        <source>no sales summary {0}</source>
        <translation>ingen salgsopgørelse {0}</translation>
    </message>
    <message>
        <source>{0} was just claimed for posting by someone else, or its marker {1!r} / idempotency key is already used</source>
        <translation>{0} blev netop reserveret til overførsel af en anden, eller dens mærke {1!r} / idempotensnøgle er allerede brugt</translation>
    </message>
    <message>
        <source>cannot mark {0} in doubt: it was never sent</source>
        <translation>kan ikke markere {0} som i tvivl: den blev aldrig sendt</translation>
    </message>
    <message>
        <source>cannot mark {0} split: it is not posted</source>
        <translation>kan ikke markere {0} som delt: den er ikke overført</translation>
    </message>
    <message>
        <source>cannot {0} {1}: it was never claimed for posting</source>
        <translation>kan ikke {0} {1}: den blev aldrig reserveret til overførsel</translation>
    </message>
    <message>
        <source>cannot {0} {1}: its posting is {2}</source>
        <translation>kan ikke {0} {1}: dens overførsel er {2}</translation>
    </message>
    <message>
        <source>send</source>
        <translation>sende</translation>
    </message>
    <message>
        <source>mark in doubt</source>
        <translation>markere som i tvivl</translation>
    </message>
    <message>
        <source>mark posted</source>
        <translation>markere som overført</translation>
    </message>
    <message>
        <source>mark failed</source>
        <translation>markere som fejlet</translation>
    </message>
    <message>
        <source>no rule {0}</source>
        <translation>ingen regel {0}</translation>
    </message>
    <message>
        <source>the sales of {0} on {1} were just summarised by someone else</source>
        <translation>salget hos {0} den {1} blev netop opgjort af en anden</translation>
    </message>
    <message>
        <source>no accounting year in e-conomic covers {0}; create it before posting</source>
        <translation>intet regnskabsår i e-conomic dækker {0}; opret det før overførsel</translation>
    </message>
    <message>
        <source>accounting year {0} (covering {1}) is closed in e-conomic</source>
        <translation>regnskabsåret {0} (som dækker {1}) er lukket i e-conomic</translation>
    </message>
    <message>
        <source>nothing to post: every line is zero</source>
        <translation>intet at overføre: alle linjer er nul</translation>
    </message>
    <message>
        <source>no revenue account for {0} plan(s) {1} and no default revenue account</source>
        <translation>ingen omsætningskonto for {0}-abonnement(er) {1} og ingen standardomsætningskonto</translation>
    </message>
    <message>
        <source>the sale&apos;s VAT cannot be booked: {0}</source>
        <translation>salgets moms kan ikke bogføres: {0}</translation>
    </message>
    <message>
        <source>the sale&apos;s VAT cannot be booked: {0}; and {1} more</source>
        <translation>salgets moms kan ikke bogføres: {0}; og {1} mere</translation>
    </message>
    <message>
        <source>{0}: the platform says {1}</source>
        <translation>{0}: platformen angiver {1}</translation>
    </message>
    <message>
        <source>{0}, and no [[vat.codes]] rule gives its VAT code</source>
        <translation>{0}, og ingen [[vat.codes]]-regel giver dens momskode</translation>
    </message>
    <message>
        <source>{0}; no [[vat.codes]] rule names these facts</source>
        <translation>{0}; ingen [[vat.codes]]-regel nævner disse forhold</translation>
    </message>
    <message>
        <source>{0} (VAT code {1} by [[vat.codes]]), but plan {2} maps to VAT code {3}</source>
        <translation>{0} (momskode {1} efter [[vat.codes]]), men abonnement {2} er konteret til momskode {3}</translation>
    </message>
    <message>
        <source>no clearing account mapped for {0}</source>
        <translation>ingen mellemregningskonto konteret for {0}</translation>
    </message>
    <message>
        <source>no {0} exchange rate for {1}</source>
        <translation>ingen {0}-kurs for {1}</translation>
    </message>
    <message>
        <source>no {0} amount stored for {1}</source>
        <translation>intet {0}-beløb gemt for {1}</translation>
    </message>
    <message>
        <source>{0} is a reserve of {1}; set [providers.{2}] reserve_account, where it waits until it is paid out</source>
        <translation>{0} er en reserve på {1}; angiv [providers.{2}] reserve_account, hvor den venter, til den udbetales</translation>
    </message>
    <message>
        <source>not set: the account the bank feed books a customer&apos;s transfer to until it is identified (the contra account of the payments of e-conomic&apos;s own invoices)</source>
        <translation>ikke angivet: den konto, som bankfeedet bogfører en kundes overførsel på, indtil den er identificeret (modkontoen for betalinger af e-conomics egne fakturaer)</translation>
    </message>
    <message>
        <source>{0} mapping problem(s): {1}</source>
        <translation>{0} konteringsproblem(er): {1}</translation>
    </message>
    <message>
        <source>account {0} &apos;{1}&apos;</source>
        <translation>konto {0} &apos;{1}&apos;</translation>
    </message>
    <message>
        <source>account {0} does not exist in the agreement</source>
        <translation>konto {0} findes ikke i aftalen</translation>
    </message>
    <message>
        <source>{0} is a {1} account, not one that takes entries</source>
        <translation>{0} er en {1}-konto, ikke en der tager posteringer</translation>
    </message>
    <message>
        <source>{0} is barred</source>
        <translation>{0} er spærret</translation>
    </message>
    <message>
        <source>{0} blocks direct entries (blockDirectEntries)</source>
        <translation>{0} blokerer direkte posteringer (blockDirectEntries)</translation>
    </message>
    <message>
        <source>VAT code {0!r} does not exist in the agreement</source>
        <translation>momskode {0!r} findes ikke i aftalen</translation>
    </message>
    <message>
        <source>VAT code {0!r} is barred</source>
        <translation>momskode {0!r} er spærret</translation>
    </message>
    <message>
        <source>is not set</source>
        <translation>er ikke angivet</translation>
    </message>
    <message>
        <source>no clearing and fee account mapped</source>
        <translation>ingen mellemregnings- og gebyrkonto konteret</translation>
    </message>
    <message>
        <source>is the bank account {0}; a clearing account must be its own</source>
        <translation>er bankkontoen {0}; en mellemregningskonto skal være sin egen</translation>
    </message>
    <message>
        <source>customer {0} does not exist in the agreement</source>
        <translation>kunde {0} findes ikke i aftalen</translation>
    </message>
    <message>
        <source>journal {0} does not exist in the agreement</source>
        <translation>kassekladde {0} findes ikke i aftalen</translation>
    </message>
    <message>
        <source>journal {0} &apos;{1}&apos; only takes {2} entries, but posting needs {3}</source>
        <translation>kassekladde {0} &apos;{1}&apos; tager kun {2}-posteringer, men overførslen kræver {3}</translation>
    </message>
    <message>
        <source>lost disputes of {0} go to bad debt, but no bad_debt_account is set</source>
        <translation>tabte indsigelser hos {0} føres som tab på debitorer, men ingen bad_debt_account er angivet</translation>
    </message>
    <message>
        <source>not named</source>
        <translation>ikke angivet</translation>
    </message>
    <message>
        <source>{0} (invoice {1})</source>
        <translation>{0} (faktura {1})</translation>
    </message>
    <message>
        <source>no open booked invoice in e-conomic for {0}; book it, or pay it by hand</source>
        <translation>ingen åben bogført faktura i e-conomic for {0}; bogfør den, eller betal den manuelt</translation>
    </message>
    <message>
        <source>no open booked invoice in e-conomic for {0} and {1} more; book it, or pay it by hand</source>
        <translation>ingen åben bogført faktura i e-conomic for {0} og {1} mere; bogfør den, eller betal den manuelt</translation>
    </message>
    <message>
        <source>invoice {0} is paid already: e-conomic lists no remainder on it (paid since the last sync); nothing was posted, reject this match</source>
        <translation>faktura {0} er allerede betalt: e-conomic viser intet restbeløb på den (betalt siden sidste hentning); intet blev overført, afvis denne afstemning</translation>
    </message>
    <message>
        <source>invoice {0} has {1} {2} left to pay in e-conomic, {3} when it was matched (paid in part since the last sync); nothing was posted: sync, reject this match and match again</source>
        <translation>faktura {0} har {1} {2} tilbage at betale i e-conomic, {3} da den blev afstemt (delvist betalt siden sidste hentning); intet blev overført: hent, afvis denne afstemning og afstem igen</translation>
    </message>
    <message>
        <source>only approved matches are posted; this one is {0}</source>
        <translation>kun godkendte afstemninger overføres; denne er {0}</translation>
    </message>
    <message>
        <source>already posted as voucher {0}</source>
        <translation>allerede overført som bilag {0}</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>ingen angivet</translation>
    </message>
    <message>
        <source>bank entries not in the store: {0}</source>
        <translation>bankposteringer findes ikke i databasen: {0}</translation>
    </message>
    <message>
        <source>the payout has no breakdown into transactions; match its transactions by hand before posting</source>
        <translation>udbetalingen har ingen opdeling i transaktioner; afstem dens transaktioner manuelt før overførsel</translation>
    </message>
    <message>
        <source>no platform items to post</source>
        <translation>ingen platformsposter at overføre</translation>
    </message>
    <message>
        <source>{0} is in {1}, the match in {2}</source>
        <translation>{0} er i {1}, afstemningen i {2}</translation>
    </message>
    <message>
        <source>{0} is in {1} but the deposit is in {2}</source>
        <translation>{0} er i {1}, men indbetalingen er i {2}</translation>
    </message>
    <message>
        <source>items from several platforms: {0}</source>
        <translation>poster fra flere platforme: {0}</translation>
    </message>
    <message>
        <source>{0} of the {1} payments {2} settles are not in the store (first {3}); sync the days before it, then match again</source>
        <translation>{0} af de {1} betalinger, som {2} afregner, findes ikke i databasen (første {3}); hent dagene før den, og afstem så igen</translation>
    </message>
    <message>
        <source>the direct profile books the bank side itself, but {0} is already on the bank account in e-conomic; use the clearing profile</source>
        <translation>direct-profilen bogfører selv banksiden, men {0} står allerede på bankkontoen i e-conomic; brug clearing-profilen</translation>
    </message>
    <message>
        <source>no clearing and fee account mapped for {0}</source>
        <translation>ingen mellemregnings- og gebyrkonto konteret for {0}</translation>
    </message>
    <message>
        <source>a deposit of {0} for nothing in {1}</source>
        <translation>en indbetaling på {0} for intet i {1}</translation>
    </message>
    <message>
        <source>the deposit is in {0} without its {1} amount; set an exchange rate for {0} (econdesk post --rate {0}=RATE, {1} per 100 {0})</source>
        <translation>indbetalingen er i {0} uden sit {1}-beløb; angiv en kurs for {0} (econdesk post --rate {0}=KURS, {1} pr. 100 {0})</translation>
    </message>
    <message>
        <source>the tolerance for {0} is in {1}, the deposit in {2}</source>
        <translation>tolerancen for {0} er i {1}, indbetalingen i {2}</translation>
    </message>
    <message>
        <source>nothing to post: with booking = {0} the {1} items are booked already and there are no fees or differences; C nets to zero</source>
        <translation>intet at overføre: med booking = {0} er {1}-posterne allerede bogført, og der er ingen gebyrer eller differencer; C går i nul</translation>
    </message>
    <message>
        <source>the inferred fee {0} is not in the deposit&apos;s {1}</source>
        <translation>det udledte gebyr {0} er ikke i indbetalingens {1}</translation>
    </message>
    <message>
        <source>the deposit {0} differs from its items ({1}) by {2}, more than the tolerance for {3} allows</source>
        <translation>indbetalingen {0} afviger fra sine poster ({1}) med {2}, mere end tolerancen for {3} tillader</translation>
    </message>
    <message>
        <source>{0} of {1} needs a difference account</source>
        <translation>{0} på {1} kræver en differencekonto</translation>
    </message>
    <message>
        <source>an exchange difference of {0} needs a difference account</source>
        <translation>en kursdifference på {0} kræver en differencekonto</translation>
    </message>
    <message>
        <source>an exchange rounding of {0} needs a difference account</source>
        <translation>en kursafrunding på {0} kræver en differencekonto</translation>
    </message>
    <message>
        <source>clearing balances not read: --offline</source>
        <translation>mellemregningssaldi ikke læst: --offline</translation>
    </message>
    <message>
        <source>clearing roll-forward not read from e-conomic: {0}</source>
        <translation>mellemregningsbevægelser ikke læst fra e-conomic: {0}</translation>
    </message>
</context>
<context>
    <name>CLI help</name>
    <message>
        <source>Reconcile billing-platform money with Visma e-conomic bank entries.</source>
        <translation>Afstem penge fra betalingsplatforme med bankposteringerne i Visma e-conomic.</translation>
    </message>
    <message>
        <source>config file (default: $ECONDESK_CONFIG, then config.toml in the user config folder)</source>
        <translation>konfigurationsfil (standard: $ECONDESK_CONFIG, ellers config.toml i brugerens konfigurationsmappe)</translation>
    </message>
    <message>
        <source>database URL (default: $ECONDESK_DB, then an SQLite file in the user data folder)</source>
        <translation>database-URL (standard: $ECONDESK_DB, ellers en SQLite-fil i brugerens datamappe)</translation>
    </message>
    <message>
        <source>the client to work on (default: $ECONDESK_CLIENT, then the current client; see `econdesk clients`)</source>
        <translation>klienten der arbejdes på (standard: $ECONDESK_CLIENT, derefter den aktuelle klient; se `econdesk clients`)</translation>
    </message>
    <message>
        <source>approve proposed matches</source>
        <translation>godkend foreslåede afstemninger</translation>
    </message>
    <message>
        <source>approve exactly those the matcher marked safe</source>
        <translation>godkend netop dem, afstemningen har markeret som sikre</translation>
    </message>
    <message>
        <source>check or show the audit log</source>
        <translation>kontrollér eller vis revisionsloggen</translation>
    </message>
    <message>
        <source>check the hash chain; exit 1 and name the first bad event</source>
        <translation>kontrollér hashkæden; afslut med 1 og nævn den første forkerte hændelse</translation>
    </message>
    <message>
        <source>print the latest events, oldest first</source>
        <translation>udskriv de seneste hændelser, ældste først</translation>
    </message>
    <message>
        <source>print a JSON array</source>
        <translation>udskriv en JSON-liste</translation>
    </message>
    <message>
        <source>how many (default 50)</source>
        <translation>hvor mange (standard 50)</translation>
    </message>
    <message>
        <source>open the desktop app on the built-in sandbox with generated demo data</source>
        <translation>åbn programmet på den indbyggede sandkasse med genererede demodata</translation>
    </message>
    <message>
        <source>a named scenario or a spec file</source>
        <translation>et navngivet scenarie eller en scenariefil</translation>
    </message>
    <message>
        <source>another business (default: fixed)</source>
        <translation>en anden virksomhed (standard: fast)</translation>
    </message>
    <message>
        <source>keep the demo folder (config and database)</source>
        <translation>behold demomappen (konfiguration og database)</translation>
    </message>
    <message>
        <source>open the main window offscreen, fetch and show the demo, close; exit 0 if it worked</source>
        <translation>åbn hovedvinduet uden skærm, hent og vis demoen, luk; afslut med 0 hvis det lykkedes</translation>
    </message>
    <message>
        <source>open the desktop app on the configured connections</source>
        <translation>åbn programmet på de konfigurerede forbindelser</translation>
    </message>
    <message>
        <source>open the main window, load the current month, close it; exit 0 if that worked</source>
        <translation>åbn hovedvinduet, indlæs den aktuelle måned, luk det; afslut med 0 hvis det lykkedes</translation>
    </message>
    <message>
        <source>open the overview of every client (the default when there are several)</source>
        <translation>åbn oversigten over alle klienter (standard når der er flere)</translation>
    </message>
    <message>
        <source>write a starter config</source>
        <translation>skriv en startkonfiguration</translation>
    </message>
    <message>
        <source>wire the config to a running `econdesk sandbox serve`</source>
        <translation>forbind konfigurationen til en kørende `econdesk sandbox serve`</translation>
    </message>
    <message>
        <source>overwrite an existing config</source>
        <translation>overskriv en eksisterende konfiguration</translation>
    </message>
    <message>
        <source>auto-match everything unmatched; print a summary</source>
        <translation>afstem alt uafstemt automatisk; udskriv en oversigt</translation>
    </message>
    <message>
        <source>print the summary as JSON</source>
        <translation>udskriv oversigten som JSON</translation>
    </message>
    <message>
        <source>list matches (proposed, approved, rejected, parked, posted, withdrawn)</source>
        <translation>vis afstemninger (foreslået, godkendt, afvist, parkeret, bogført, trukket tilbage)</translation>
    </message>
    <message>
        <source>only matches in this state</source>
        <translation>kun afstemninger med denne status</translation>
    </message>
    <message>
        <source>post approved matches as vouchers to the configured e-conomic journal</source>
        <translation>bogfør godkendte afstemninger som bilag i den konfigurerede kassekladde i e-conomic</translation>
    </message>
    <message>
        <source>print the vouchers that would be sent; send none</source>
        <translation>udskriv de bilag, der ville blive sendt; send ingen</translation>
    </message>
    <message>
        <source>print JSON instead of text</source>
        <translation>udskriv JSON i stedet for tekst</translation>
    </message>
    <message>
        <source>exchange rate for a foreign deposit whose bank line has no base-currency amount, in base currency per 100 units (e-conomic&apos;s way), e.g. EUR=746.10; repeatable</source>
        <translation>valutakurs for en udenlandsk indbetaling, hvis banklinje ikke har et beløb i grundvalutaen, i grundvaluta pr. 100 enheder (som e-conomic), f.eks. EUR=746.10; kan gentages</translation>
    </message>
    <message>
        <source>after posting, mark the open invoices the posted transfers paid as paid offline in their platform (only where [providers.NAME] mark_paid_offline = true)</source>
        <translation>efter bogføringen: markér de åbne fakturaer, som de bogførte overførsler betalte, som betalt i deres platform (kun hvor [providers.NAVN] mark_paid_offline = true)</translation>
    </message>
    <message>
        <source>only these approved matches (with --dry-run also proposed or parked ones)</source>
        <translation>kun disse godkendte afstemninger (med --dry-run også foreslåede eller parkerede)</translation>
    </message>
    <message>
        <source>purge personal data past its retention, or export one person&apos;s data</source>
        <translation>slet persondata efter opbevaringsperioden, eller eksportér én persons data</translation>
    </message>
    <message>
        <source>pseudonymise names in everything dated before YEAR (after retention)</source>
        <translation>pseudonymisér navne i alt dateret før ÅR (efter opbevaringsperioden)</translation>
    </message>
    <message>
        <source>first financial year to keep as it is: 2021, or e-conomic&apos;s name, e.g. 2021/2022</source>
        <translation>første regnskabsår, der bevares uændret: 2021, eller e-conomics navn, f.eks. 2021/2022</translation>
    </message>
    <message>
        <source>write everything stored about one person (JSON)</source>
        <translation>skriv alt, der er gemt om én person (JSON)</translation>
    </message>
    <message>
        <source>the platform&apos;s customer, e.g. stripe:cus_NZbFQAsc0ptasX</source>
        <translation>platformens kunde, f.eks. stripe:cus_NZbFQAsc0ptasX</translation>
    </message>
    <message>
        <source>the person&apos;s name as the platform gives it</source>
        <translation>personens navn, som platformen angiver det</translation>
    </message>
    <message>
        <source>write here (default: stdout)</source>
        <translation>skriv hertil (standard: standardoutput)</translation>
    </message>
    <message>
        <source>reject proposed matches; their items become unmatched again</source>
        <translation>afvis foreslåede afstemninger; deres poster bliver uafstemte igen</translation>
    </message>
    <message>
        <source>write the reconciliation report workbook</source>
        <translation>skriv afstemningsrapportens regneark</translation>
    </message>
    <message>
        <source>the workbook to write (.xlsx)</source>
        <translation>regnearket, der skal skrives (.xlsx)</translation>
    </message>
    <message>
        <source>first day</source>
        <translation>første dag</translation>
    </message>
    <message>
        <source>last day</source>
        <translation>sidste dag</translation>
    </message>
    <message>
        <source>do not ask e-conomic for the company name and the clearing-account balances</source>
        <translation>spørg ikke e-conomic om firmanavnet og mellemregningskontienes saldi</translation>
    </message>
    <message>
        <source>show customers and payers as &apos;customer 4711&apos;, for sharing outside the firm</source>
        <translation>vis kunder og betalere som &apos;kunde 4711&apos;, til deling uden for firmaet</translation>
    </message>
    <message>
        <source>the workbook&apos;s language (default: [app] language, else the system&apos;s)</source>
        <translation>regnearkets sprog (standard: [app] language, ellers systemets)</translation>
    </message>
    <message>
        <source>the built-in fake APIs for demos and tests</source>
        <translation>de indbyggede falske API’er til demoer og test</translation>
    </message>
    <message>
        <source>run the fake e-conomic and billing-platform APIs on loopback until stopped</source>
        <translation>kør de falske API’er for e-conomic og betalingsplatformene på loopback, indtil de stoppes</translation>
    </message>
    <message>
        <source>address to listen on (default %(default)s)</source>
        <translation>adresse, der lyttes på (standard %(default)s)</translation>
    </message>
    <message>
        <source>first port; each sandbox takes the next one (default: free ports)</source>
        <translation>første port; hver sandkasse tager den næste (standard: ledige porte)</translation>
    </message>
    <message>
        <source>seed for the generated data (default: the scenario&apos;s own seed, else 1)</source>
        <translation>frø til de genererede data (standard: scenariets eget frø, ellers 1)</translation>
    </message>
    <message>
        <source>a named scenario (e.g. demo, tiny) or a TOML/JSON scenario file</source>
        <translation>et navngivet scenarie (f.eks. demo, tiny) eller en TOML/JSON-scenariefil</translation>
    </message>
    <message>
        <source>added latency per request, in milliseconds</source>
        <translation>ekstra ventetid pr. forespørgsel, i millisekunder</translation>
    </message>
    <message>
        <source>share of requests that fail (5xx, 429, dropped connections), 0..1</source>
        <translation>andel af forespørgsler, der fejler (5xx, 429, afbrudte forbindelser), 0..1</translation>
    </message>
    <message>
        <source>serve only this sandbox (repeatable), e.g. --only economic</source>
        <translation>kør kun denne sandkasse (kan gentages), f.eks. --only economic</translation>
    </message>
    <message>
        <source>counts and amounts by state, per source</source>
        <translation>antal og beløb pr. status, pr. kilde</translation>
    </message>
    <message>
        <source>print JSON instead of a table</source>
        <translation>udskriv JSON i stedet for en tabel</translation>
    </message>
    <message>
        <source>fetch e-conomic bank entries and every configured platform&apos;s money into the store</source>
        <translation>hent bankposteringer fra e-conomic og alle konfigurerede platformes penge ind i databasen</translation>
    </message>
    <message>
        <source>sync every client; one client&apos;s failure does not stop the others</source>
        <translation>synkroniser alle klienter; én klients fejl stopper ikke de andre</translation>
    </message>
    <message>
        <source>with --all-clients: how many clients sync at once (default 4)</source>
        <translation>med --all-clients: hvor mange klienter der synkroniseres ad gangen (standard 4)</translation>
    </message>
    <message>
        <source>rent, wages, tax, vat, bank_fees, supplier, transfer, loan, other, or your own</source>
        <translation>rent (husleje), wages (løn), tax (skat), vat (moms), bank_fees (gebyrer), supplier (leverandør), transfer (overførsel), loan (lån), other (andet) eller din egen</translation>
    </message>
    <message>
        <source>rules that mark bank lines as not platform money (rent, wages, tax …)</source>
        <translation>regler, der markerer banklinjer som ikke platformspenge (husleje, løn, skat …)</translation>
    </message>
    <message>
        <source>the rules and how many lines each caught</source>
        <translation>reglerne, og hvor mange linjer hver har fanget</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>skriv JSON</translation>
    </message>
    <message>
        <source>also the rules your repeated decisions suggest</source>
        <translation>også de regler, dine gentagne beslutninger foreslår</translation>
    </message>
    <message>
        <source>add a rule; it sets aside the open lines it catches</source>
        <translation>tilføj en regel; den lægger de åbne linjer, den fanger, til side</translation>
    </message>
    <message>
        <source>the bank text contains this (any case)</source>
        <translation>bankteksten indeholder dette (store eller små bogstaver)</translation>
    </message>
    <message>
        <source>the bank text matches this regex</source>
        <translation>bankteksten passer på dette regulære udtryk</translation>
    </message>
    <message>
        <source>the counterparty&apos;s name contains this</source>
        <translation>modpartens navn indeholder dette</translation>
    </message>
    <message>
        <source>the amount&apos;s size at least this</source>
        <translation>beløbets størrelse mindst dette</translation>
    </message>
    <message>
        <source>the amount&apos;s size at most this</source>
        <translation>beløbets størrelse højst dette</translation>
    </message>
    <message>
        <source>the amount range&apos;s currency (default: the agreement&apos;s)</source>
        <translation>beløbsgrænsernes valuta (standard: aftalens)</translation>
    </message>
    <message>
        <source>money in or out only</source>
        <translation>kun penge ind eller kun penge ud</translation>
    </message>
    <message>
        <source>a note kept with the rule</source>
        <translation>en note, der gemmes med reglen</translation>
    </message>
    <message>
        <source>remove a rule; its lines are open again</source>
        <translation>fjern en regel; dens linjer er åbne igen</translation>
    </message>
    <message>
        <source>set open bank lines aside by hand</source>
        <translation>læg åbne banklinjer til side i hånden</translation>
    </message>
    <message>
        <source>e.g. economic:4711</source>
        <translation>f.eks. economic:4711</translation>
    </message>
    <message>
        <source>bank lines set aside are open again</source>
        <translation>banklinjer, der er lagt til side, er åbne igen</translation>
    </message>
    <message>
        <source>sign off, approve or reopen a month&apos;s reconciliation; list months</source>
        <translation>afslut, godkend eller genåbn en måneds afstemning; vis månederne</translation>
    </message>
    <message>
        <source>every month with matches or a sign-off</source>
        <translation>hver måned med afstemninger eller en afslutning</translation>
    </message>
    <message>
        <source>sign off a month as its preparer (locks it)</source>
        <translation>afslut en måned som den, der har udarbejdet den (låser den)</translation>
    </message>
    <message>
        <source>approve a signed-off month as its reviewer</source>
        <translation>godkend en afsluttet måned som kontrollant</translation>
    </message>
    <message>
        <source>reopen a signed-off month (needs --reason)</source>
        <translation>genåbn en afsluttet måned (kræver --reason)</translation>
    </message>
    <message>
        <source>the month, as YYYY-MM</source>
        <translation>måneden, som ÅÅÅÅ-MM</translation>
    </message>
    <message>
        <source>print the period as JSON</source>
        <translation>skriv perioden som JSON</translation>
    </message>
    <message>
        <source>why it is reopened (kept in the audit log)</source>
        <translation>hvorfor den genåbnes (gemmes i revisionssporet)</translation>
    </message>
    <message>
        <source>list, add, remove or rename clients</source>
        <translation>vis, tilføj, fjern eller omdøb klienter</translation>
    </message>
    <message>
        <source>the clients, the current one marked *</source>
        <translation>klienterne, den aktuelle markeret med *</translation>
    </message>
    <message>
        <source>print them as JSON</source>
        <translation>udskriv dem som JSON</translation>
    </message>
    <message>
        <source>add a client (its config, secrets and store)</source>
        <translation>tilføj en klient (dens konfiguration, hemmeligheder og database)</translation>
    </message>
    <message>
        <source>its store on a shared PostgreSQL server (default: its own SQLite file)</source>
        <translation>dens database på en fælles PostgreSQL-server (standard: sin egen SQLite-fil)</translation>
    </message>
    <message>
        <source>its schema there (default: econdesk_&lt;its id&gt;)</source>
        <translation>dens skema dér (standard: econdesk_&lt;dens id&gt;)</translation>
    </message>
    <message>
        <source>forget a client; its data stays</source>
        <translation>glem en klient; dens data bliver</translation>
    </message>
    <message>
        <source>also delete its config, its store and its secrets</source>
        <translation>slet også dens konfiguration, database og hemmeligheder</translation>
    </message>
    <message>
        <source>rename a client; its data stays reachable</source>
        <translation>omdøb en klient; dens data kan stadig nås</translation>
    </message>
    <message>
        <source>make a client the current one</source>
        <translation>gør en klient til den aktuelle</translation>
    </message>
    <message>
        <source>post a voucher reversing a posted match&apos;s voucher; the match becomes proposed</source>
        <translation>bogfør et bilag, der tilbagefører en bogført afstemnings bilag; afstemningen bliver foreslået igen</translation>
    </message>
    <message>
        <source>why it is reversed (audited, and on its bilag)</source>
        <translation>hvorfor den tilbageføres (revisionssporet og på bilaget)</translation>
    </message>
    <message>
        <source>book the reversal on this day (an open period) instead of the original&apos;s date</source>
        <translation>bogfør tilbageførslen på denne dag (en åben periode) i stedet for originalens dato</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tidspunkt</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Vedrører</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>Cur.</source>
        <translation>Val.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Kilde</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Bilag</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebyr</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Udbetaling</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metode</translation>
    </message>
    <message>
        <source>Bank text</source>
        <translation>Banktekst</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Linjer</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Betegnelse</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Betingelser</translation>
    </message>
    <message>
        <source>Lines caught</source>
        <translation>Linjer fanget</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Your decisions</source>
        <translation>Dine beslutninger</translation>
    </message>
    <message>
        <source>Would catch</source>
        <translation>Ville fange</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <source>{what} equals the bank amount</source>
        <translation>{what} svarer til bankbeløbet</translation>
    </message>
    <message>
        <source>{what} differs by {difference:money} {currency}, within the tolerance of {allowed:money}</source>
        <translation>{what} afviger med {difference:money} {currency}, inden for tolerancen på {allowed:money}</translation>
    </message>
    <message>
        <source>{amount:money} {currency} converted at {rate:money} per 100 of {day:date} ({source})</source>
        <translation>{amount:money} {currency} omregnet til kurs {rate:money} pr. 100 den {day:date} ({source})</translation>
    </message>
    <message>
        <source>payout</source>
        <translation>udbetalingen</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>betalingen</translation>
    </message>
    <message>
        <source>the {count} payments</source>
        <translation>de {count} betalinger</translation>
    </message>
    <message>
        <source>the {count} items</source>
        <translation>de {count} poster</translation>
    </message>
    <message>
        <source>the {count} {provider} items</source>
        <translation>de {count} {provider}-poster</translation>
    </message>
    <message>
        <source>the {count} {provider} items less {model} fees</source>
        <translation>de {count} {provider}-poster fratrukket gebyrer efter {model}</translation>
    </message>
    <message>
        <source>{provider} {kind} {payout}</source>
        <translation>{provider} {kind} {payout}</translation>
    </message>
    <message>
        <source>matched from the acquirer&apos;s own {count} transactions ({provider}, no gateway in front)</source>
        <translation>matchet ud fra indløserens egne {count} transaktioner ({provider}, ingen gateway foran)</translation>
    </message>
    <message>
        <source>net of the {count} items naming {payout}</source>
        <translation>netto for de {count} poster, der nævner {payout}</translation>
    </message>
    <message>
        <source>{what} {lag}, inside {lo}..{hi}</source>
        <translation>{what} {lag}, inden for {lo}..{hi}</translation>
    </message>
    <message>
        <source>{what} {lag}, outside {lo}..{hi}</source>
        <translation>{what} {lag}, uden for {lo}..{hi}</translation>
    </message>
    <message>
        <source>items from {day:date}, as the text says</source>
        <translation>poster fra {day:date}, som teksten siger</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>bogført</translation>
    </message>
    <message>
        <source>booked after the payment:</source>
        <translation>bogført efter betalingen:</translation>
    </message>
    <message>
        <source>booked after the last item:</source>
        <translation>bogført efter sidste post:</translation>
    </message>
    <message>
        <source>booked after its last item:</source>
        <translation>bogført efter dens sidste post:</translation>
    </message>
    <message>
        <source>booked after arrival:</source>
        <translation>bogført efter ankomst:</translation>
    </message>
    <message>
        <source>paid after the invoice:</source>
        <translation>betalt efter fakturaen:</translation>
    </message>
    <message>
        <source>the open invoice</source>
        <translation>den åbne faktura</translation>
    </message>
    <message>
        <source>the same bank day</source>
        <translation>samme bankdag</translation>
    </message>
    <message>
        <source>{n} bank day later</source>
        <translation>{n} bankdag senere</translation>
    </message>
    <message>
        <source>{n} bank days later</source>
        <translation>{n} bankdage senere</translation>
    </message>
    <message>
        <source>{n} bank day earlier</source>
        <translation>{n} bankdag tidligere</translation>
    </message>
    <message>
        <source>{n} bank days earlier</source>
        <translation>{n} bankdage tidligere</translation>
    </message>
    <message>
        <source>{word} in bank text ({source})</source>
        <translation>{word} i bankteksten ({source})</translation>
    </message>
    <message>
        <source>{name} in bank text ({similarity:percent} of the name)</source>
        <translation>{name} i bankteksten ({similarity:percent} af navnet)</translation>
    </message>
    <message>
        <source>{names} in bank text</source>
        <translation>{names} i bankteksten</translation>
    </message>
    <message>
        <source>{ref} in bank text</source>
        <translation>{ref} i bankteksten</translation>
    </message>
    <message>
        <source>{ref} in bank text, cut after {shown} of {length} characters</source>
        <translation>{ref} i bankteksten, afkortet efter {shown} af {length} tegn</translation>
    </message>
    <message>
        <source>FIK payment id for {ref} in bank text</source>
        <translation>FIK-betalings-id for {ref} i bankteksten</translation>
    </message>
    <message>
        <source>{word} in bank text (number of {ref})</source>
        <translation>{word} i bankteksten (nummeret i {ref})</translation>
    </message>
    <message>
        <source>invoice number {word} in bank text: open invoice {ref}</source>
        <translation>fakturanummer {word} i banktekst: åben faktura {ref}</translation>
    </message>
    <message>
        <source>{word} in bank text, without the word invoice: open invoice {ref}</source>
        <translation>{word} i banktekst, uden ordet faktura: åben faktura {ref}</translation>
    </message>
    <message>
        <source>pays {paid:money} {currency} of the {open:money} {currency} open: the rest, {rest:money} {currency}, stays open on invoice {ref}; a person must check it</source>
        <translation>betaler {paid:money} {currency} af de {open:money} {currency}, der står åbent: resten, {rest:money} {currency}, står fortsat åbent på faktura {ref}; en person må kontrollere det</translation>
    </message>
    <message>
        <source>pays {paid:money} {currency}, more than the {open:money} {currency} open: the excess, {excess:money} {currency}, stays as credit on customer {customer}; a person must check it</source>
        <translation>betaler {paid:money} {currency}, mere end de {open:money} {currency}, der står åbent: det overskydende, {excess:money} {currency}, står som tilgodehavende for kunde {customer}; en person må kontrollere det</translation>
    </message>
    <message>
        <source>{count} open invoices fit this transfer; a person must choose</source>
        <translation>{count} åbne fakturaer passer til overførslen; en person må vælge</translation>
    </message>
    <message>
        <source>consecutive items; its start touch the neighbouring deposits&apos; items</source>
        <translation>fortløbende poster; starten støder op til nabo-indbetalingernes poster</translation>
    </message>
    <message>
        <source>consecutive items; its end touch the neighbouring deposits&apos; items</source>
        <translation>fortløbende poster; slutningen støder op til nabo-indbetalingernes poster</translation>
    </message>
    <message>
        <source>consecutive items; its start and end touch the neighbouring deposits&apos; items</source>
        <translation>fortløbende poster; start og slutning støder op til nabo-indbetalingernes poster</translation>
    </message>
    <message>
        <source>the only combination of the candidates</source>
        <translation>den eneste kombination af kandidaterne</translation>
    </message>
    <message>
        <source>search stopped by its budget</source>
        <translation>søgningen stoppede ved sin grænse</translation>
    </message>
    <message>
        <source>fees of {fee:money} {currency} inferred</source>
        <translation>gebyrer på {fee:money} {currency} udledt</translation>
    </message>
    <message>
        <source>fees of {fee:money} {currency} inferred ({model})</source>
        <translation>gebyrer på {fee:money} {currency} udledt ({model})</translation>
    </message>
    <message>
        <source>fees of {fee:money} {currency} inferred from the {model} model: no payout report states them</source>
        <translation>gebyrer på {fee:money} {currency} udledt efter modellen {model}: ingen udbetalingsrapport angiver dem</translation>
    </message>
    <message>
        <source>fees of {fee:money} {currency} inferred from the fee model: no payout report states them</source>
        <translation>gebyrer på {fee:money} {currency} udledt efter gebyrmodellen: ingen udbetalingsrapport angiver dem</translation>
    </message>
    <message>
        <source>fees of {fee:money} {currency} inferred for {payments} payments from {provider}&apos;s fee schedule ({percent} % + {fixed:money} {currency} a payment), learned from {samples} settlements</source>
        <translation>gebyrer på {fee:money} {currency} udledt for {payments} betalinger af {provider}s gebyrsatser ({percent} % + {fixed:money} {currency} pr. betaling), lært af {samples} afregninger</translation>
    </message>
    <message>
        <source>no settlement from {provider} states this deposit: its card payments by sales day stand in; a person must check it</source>
        <translation>ingen afregning fra {provider} angiver denne indbetaling: kortbetalingerne fra salgsdagen træder i stedet; en person skal kontrollere den</translation>
    </message>
    <message>
        <source>{count} spans of sales days fit this deposit; a person must choose</source>
        <translation>{count} forløb af salgsdage passer til indbetalingen; en person må vælge</translation>
    </message>
    <message>
        <source>holds {kinds} of {provider}, booked on its own accounts</source>
        <translation>indeholder {kinds} fra {provider}, bogført på egne konti</translation>
    </message>
    <message>
        <source>a reserve withheld</source>
        <translation>en tilbageholdt reserve</translation>
    </message>
    <message>
        <source>a reserve paid out</source>
        <translation>en udbetalt reserve</translation>
    </message>
    <message>
        <source>other postings</source>
        <translation>andre posteringer</translation>
    </message>
    <message>
        <source>arrived in {count} parts: {parts}</source>
        <translation>kom i {count} dele: {parts}</translation>
    </message>
    <message>
        <source>{amount:money} {currency} on {day:date}</source>
        <translation>{amount:money} {currency} den {day:date}</translation>
    </message>
    <message>
        <source>the platform gives no breakdown of this payout; a person must check it</source>
        <translation>platformen giver ingen opdeling af denne udbetaling; en person skal kontrollere den</translation>
    </message>
    <message>
        <source>matched by hand by {actor}</source>
        <translation>matchet manuelt af {actor}</translation>
    </message>
    <message>
        <source>bank text words {words} went to {target} before</source>
        <translation>ordene {words} i bankteksten gik tidligere til {target}</translation>
    </message>
    <message>
        <source>rule {words} -&gt; {target}</source>
        <translation>regel {words} -&gt; {target}</translation>
    </message>
    <message>
        <source>rule {words} -&gt; {target} ({note})</source>
        <translation>regel {words} -&gt; {target} ({note})</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>reference</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>beløb</translation>
    </message>
    <message>
        <source>date</source>
        <translation>dato</translation>
    </message>
    <message>
        <source>descriptor</source>
        <translation>beskrivelse</translation>
    </message>
    <message>
        <source>name</source>
        <translation>navn</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>lært</translation>
    </message>
    <message>
        <source>sequence</source>
        <translation>rækkefølge</translation>
    </message>
    <message>
        <source>fee</source>
        <translation>gebyr</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>entydig</translation>
    </message>
    <message>
        <source>search</source>
        <translation>søgning</translation>
    </message>
    <message>
        <source>breakdown</source>
        <translation>opdeling</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuel</translation>
    </message>
    <message>
        <source>postings</source>
        <translation>posteringer</translation>
    </message>
    <message>
        <source>split</source>
        <translation>delt</translation>
    </message>
    <message>
        <source>source</source>
        <translation>kilde</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>valuta</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>tvetydig</translation>
    </message>
    <message>
        <source> and </source>
        <translation> og </translation>
    </message>
</context>
<context>
    <name>FirmOverview</name>
    <message>
        <source>Client</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Seneste synkronisering</translation>
    </message>
    <message>
        <source>Unmatched deposits</source>
        <translation>Uafstemte indbetalinger</translation>
    </message>
    <message>
        <source>Unposted approvals</source>
        <translation>Godkendte, ikke bogførte</translation>
    </message>
    <message>
        <source>Clearing accounts</source>
        <translation>Mellemregningskonti</translation>
    </message>
    <message>
        <source>Days since sign-off</source>
        <translation>Dage siden afslutning</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Kræver opmærksomhed</translation>
    </message>
    <message>
        <source>credentials refused: renew them</source>
        <translation>adgangsoplysninger afvist: forny dem</translation>
    </message>
    <message>
        <source>last sync failed</source>
        <translation>seneste synkronisering fejlede</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>aldrig synkroniseret</translation>
    </message>
    <message>
        <source>config cannot be read</source>
        <translation>konfigurationen kan ikke læses</translation>
    </message>
    <message>
        <source>store cannot be read</source>
        <translation>databasen kan ikke læses</translation>
    </message>
    <message>
        <source>approvals wait to be posted</source>
        <translation>godkendelser venter på bogføring</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Proposed</source>
        <translation>Foreslået</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkendt</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Afvist</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Parkeret</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Overført</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Trukket tilbage</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åben</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Udbetaling</translation>
    </message>
    <message>
        <source>One to one</source>
        <translation>Én til én</translation>
    </message>
    <message>
        <source>Sum of items</source>
        <translation>Sum af poster</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>Lært</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuel</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Betaling</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refusion</translation>
    </message>
    <message>
        <source>Chargeback</source>
        <translation>Tilbageførsel</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebyr</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Regulering</translation>
    </message>
    <message>
        <source>Open invoice</source>
        <translation>Åben faktura</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Bogført</translation>
    </message>
    <message>
        <source>Daybook</source>
        <translation>Kassekladde</translation>
    </message>
    <message>
        <source>Bank file</source>
        <translation>Bankfil</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Betegnelse</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Rækkefølge</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Entydig</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Søgning</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Specifikation</translation>
    </message>
    <message>
        <source>Ambiguous</source>
        <translation>Tvetydig</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Afregning</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>overført</translation>
    </message>
    <message>
        <source>not posted</source>
        <translation>ikke overført</translation>
    </message>
    <message>
        <source>sent, not yet confirmed by e-conomic</source>
        <translation>sendt, endnu ikke bekræftet af e-conomic</translation>
    </message>
    <message>
        <source>being posted by another process</source>
        <translation>ved at blive overført af en anden proces</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>This month</source>
        <translation>Denne måned</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Sidste måned</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Dette kvartal</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Sidste 90 dage</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>I år</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Valgfri</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>Open</source>
        <translation>Åben</translation>
    </message>
    <message>
        <source>Signed off (locked)</source>
        <translation>Afsluttet (låst)</translation>
    </message>
    <message>
        <source>Signed off and approved (locked)</source>
        <translation>Afsluttet og godkendt (låst)</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Genåbnet</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nej</translation>
    </message>
    <message>
        <source>Reconciliation report: {0}, {1}</source>
        <translation>Afstemningsrapport: {0}, {1}</translation>
    </message>
    <message>
        <source>econdesk reconciliation report</source>
        <translation>econdesk afstemningsrapport</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Side {0} af {1}</translation>
    </message>
    <message>
        <source>the beginning</source>
        <translation>begyndelsen</translation>
    </message>
    <message>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} til {1}</translation>
    </message>
    <message>
        <source>proposed</source>
        <translation>foreslået</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>godkendt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>afvist</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>parkeret</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>bogført</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>trukket tilbage</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>reference</translation>
    </message>
    <message>
        <source>payout</source>
        <translation>udbetaling</translation>
    </message>
    <message>
        <source>one_to_one</source>
        <translation>en-til-en</translation>
    </message>
    <message>
        <source>subset</source>
        <translation>delmængde</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>lært</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuel</translation>
    </message>
    <message>
        <source>posted again</source>
        <translation>bogført igen</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>tilbageført</translation>
    </message>
    <message>
        <source>reversal</source>
        <translation>tilbageførsel</translation>
    </message>
    <message>
        <source>settlement</source>
        <translation>afregning</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>betaling</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>refusion</translation>
    </message>
    <message>
        <source>chargeback</source>
        <translation>tilbageførsel</translation>
    </message>
    <message>
        <source>fee</source>
        <translation>gebyr</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>regulering</translation>
    </message>
    <message>
        <source>open invoice</source>
        <translation>åben faktura</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>betalt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>afventer</translation>
    </message>
    <message>
        <source>in transit</source>
        <translation>undervejs</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulleret</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fejlet</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Afstemning</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metode</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Bank date</source>
        <translation>Bankdato</translation>
    </message>
    <message>
        <source>Bank entries</source>
        <translation>Bankposteringer</translation>
    </message>
    <message>
        <source>Bank text</source>
        <translation>Banktekst</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Poster</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Dele</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Bank amount</source>
        <translation>Bankbeløb</translation>
    </message>
    <message>
        <source>Items net</source>
        <translation>Poster netto</translation>
    </message>
    <message>
        <source>Fees inferred</source>
        <translation>Udledte gebyrer</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Forklaring</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Kassekladde</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>År</translation>
    </message>
    <message>
        <source>Voucher no.</source>
        <translation>Bilagsnr.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Udbetaling</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Udbyder</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Ankomstdato</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Betegnelse</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Brutto</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Refusioner</translation>
    </message>
    <message>
        <source>Chargebacks</source>
        <translation>Tilbageførsler</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Gebyrer</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>Reguleringer</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Payout amount</source>
        <translation>Udbetalt beløb</translation>
    </message>
    <message>
        <source>Bank entry</source>
        <translation>Bankpostering</translation>
    </message>
    <message>
        <source>Match state</source>
        <translation>Afstemningsstatus</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Postering</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation>Alder (dage)</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alder</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Modpart</translation>
    </message>
    <message>
        <source>Bank reference</source>
        <translation>Bankreference</translation>
    </message>
    <message>
        <source>Entry type</source>
        <translation>Posteringstype</translation>
    </message>
    <message>
        <source>Payments and sales booked into it</source>
        <translation>Betalinger og salg bogført på den</translation>
    </message>
    <message>
        <source>Payouts to the bank</source>
        <translation>Udbetalinger til banken</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Differencer</translation>
    </message>
    <message>
        <source>Transfers between clearing accounts</source>
        <translation>Overførsler mellem mellemregningskonti</translation>
    </message>
    <message>
        <source>Other entries</source>
        <translation>Andre posteringer</translation>
    </message>
    <message>
        <source>econdesk</source>
        <translation>econdesk</translation>
    </message>
    <message>
        <source>others</source>
        <translation>andre</translation>
    </message>
    <message>
        <source>Open: deposit awaiting its voucher</source>
        <translation>Åben: indbetaling venter på sit bilag</translation>
    </message>
    <message>
        <source>Open: paid out, not yet in bank</source>
        <translation>Åben: udbetalt, endnu ikke i banken</translation>
    </message>
    <message>
        <source>Open: payment not yet paid out</source>
        <translation>Åben: betaling endnu ikke udbetalt</translation>
    </message>
    <message>
        <source>Open: paid out, voucher not posted</source>
        <translation>Åben: udbetalt, bilag ikke bogført</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>Primosaldo</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>Ultimosaldo</translation>
    </message>
    <message>
        <source>Left, not explained by open items</source>
        <translation>Rest, ikke forklaret af åbne poster</translation>
    </message>
    <message>
        <source>in the bank</source>
        <translation>i banken</translation>
    </message>
    <message>
        <source>not matched</source>
        <translation>ikke afstemt</translation>
    </message>
    <message>
        <source>no payout yet</source>
        <translation>ingen udbetaling endnu</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Kilder</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>Booked by</source>
        <translation>Bogført af</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Posteringer</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>Base amount</source>
        <translation>Beløb i grundvaluta</translation>
    </message>
    <message>
        <source>Clearing roll-forward</source>
        <translation>Mellemregning, bevægelser</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivelse</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebyr</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Linjer</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Bogført</translation>
    </message>
    <message>
        <source>Posted at</source>
        <translation>Bogført</translation>
    </message>
    <message>
        <source>Posted by</source>
        <translation>Bogført af</translation>
    </message>
    <message>
        <source>Reversed by / reverses</source>
        <translation>Tilbageført af / tilbagefører</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begrundelse</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tidspunkt</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Bruger</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Vedrører</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Afstemninger</translation>
    </message>
    <message>
        <source>Payouts</source>
        <translation>Udbetalinger</translation>
    </message>
    <message>
        <source>Open bank entries</source>
        <translation>Åbne bankposteringer</translation>
    </message>
    <message>
        <source>Open platform items</source>
        <translation>Åbne platformsposter</translation>
    </message>
    <message>
        <source>Vouchers posted</source>
        <translation>Bogførte bilag</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Revisionsspor</translation>
    </message>
    <message>
        <source>0-7 days</source>
        <translation>0-7 dage</translation>
    </message>
    <message>
        <source>8-30 days</source>
        <translation>8-30 dage</translation>
    </message>
    <message>
        <source>31-60 days</source>
        <translation>31-60 dage</translation>
    </message>
    <message>
        <source>61-90 days</source>
        <translation>61-90 dage</translation>
    </message>
    <message>
        <source>over 90 days</source>
        <translation>over 90 dage</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Oversigt</translation>
    </message>
    <message>
        <source>Reconciliation report</source>
        <translation>Afstemningsrapport</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Virksomhed</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Periode fra</translation>
    </message>
    <message>
        <source>(the beginning)</source>
        <translation>(begyndelsen)</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Periode til</translation>
    </message>
    <message>
        <source>(now)</source>
        <translation>(nu)</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Dannet</translation>
    </message>
    <message>
        <source>Times shown in</source>
        <translation>Tidspunkter vist i</translation>
    </message>
    <message>
        <source>Ages counted to</source>
        <translation>Alder regnet til</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Kilde</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Senest hentet</translation>
    </message>
    <message>
        <source>(none named)</source>
        <translation>(ingen angivet)</translation>
    </message>
    <message>
        <source>Matches by state</source>
        <translation>Afstemninger efter status</translation>
    </message>
    <message>
        <source>(no matches)</source>
        <translation>(ingen afstemninger)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>I alt</translation>
    </message>
    <message>
        <source>Match rate</source>
        <translation>Afstemningsgrad</translation>
    </message>
    <message>
        <source>In live matches</source>
        <translation>I aktive afstemninger</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åbne</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Afstemt</translation>
    </message>
    <message>
        <source>Approved or posted</source>
        <translation>Godkendt eller bogført</translation>
    </message>
    <message>
        <source>Platform items</source>
        <translation>Platformsposter</translation>
    </message>
    <message>
        <source>Open items by age</source>
        <translation>Åbne poster efter alder</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>(nothing open)</source>
        <translation>(intet åbent)</translation>
    </message>
    <message>
        <source>Total {0}</source>
        <translation>I alt {0}</translation>
    </message>
    <message>
        <source>Clearing account (should be zero)</source>
        <translation>Mellemregningskonto (skal være nul)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>With drafts</source>
        <translation>Med kladder</translation>
    </message>
    <message>
        <source>zero</source>
        <translation>nul</translation>
    </message>
    <message>
        <source>NOT ZERO</source>
        <translation>IKKE NUL</translation>
    </message>
    <message>
        <source>(no clearing accounts configured)</source>
        <translation>(ingen mellemregningskonti sat op)</translation>
    </message>
    <message>
        <source>Payouts and posting</source>
        <translation>Udbetalinger og bogføring</translation>
    </message>
    <message>
        <source>Payouts and settlements</source>
        <translation>Udbetalinger og afregninger</translation>
    </message>
    <message>
        <source>... not yet matched to a bank entry</source>
        <translation>... endnu ikke afstemt med en bankpostering</translation>
    </message>
    <message>
        <source>... whose net differs from the bank amount</source>
        <translation>... hvis netto afviger fra bankbeløbet</translation>
    </message>
    <message>
        <source>Audit events listed</source>
        <translation>Revisionshændelser vist</translation>
    </message>
    <message>
        <source>Newest audit event (number, hash)</source>
        <translation>Nyeste revisionshændelse (nummer, hash)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <source>Rows shown</source>
        <translation>Viste rækker</translation>
    </message>
</context>
<context>
    <name>RuleLabel</name>
    <message>
        <source>Rent</source>
        <translation>Husleje</translation>
    </message>
    <message>
        <source>Wages</source>
        <translation>Løn</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Skat</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>Moms</translation>
    </message>
    <message>
        <source>Bank fees</source>
        <translation>Bankgebyrer</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Leverandør</translation>
    </message>
    <message>
        <source>Own transfer</source>
        <translation>Egen overførsel</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Lån</translation>
    </message>
    <message>
        <source>Other, not platform money</source>
        <translation>Andet, ikke platformspenge</translation>
    </message>
    <message>
        <source>text contains “{0}”</source>
        <translation>teksten indeholder “{0}”</translation>
    </message>
    <message>
        <source>text matches /{0}/</source>
        <translation>teksten passer på /{0}/</translation>
    </message>
    <message>
        <source>counterparty “{0}”</source>
        <translation>modpart “{0}”</translation>
    </message>
    <message>
        <source>amount {0} – {1}</source>
        <translation>beløb {0} – {1}</translation>
    </message>
    <message>
        <source>amount at least {0}</source>
        <translation>beløb mindst {0}</translation>
    </message>
    <message>
        <source>amount at most {0}</source>
        <translation>beløb højst {0}</translation>
    </message>
    <message>
        <source>money in</source>
        <translation>penge ind</translation>
    </message>
    <message>
        <source>money out</source>
        <translation>penge ud</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Bank</translation>
    </message>
</context>
<context>
    <name>StateFilter</name>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Auto-approvable</source>
        <translation>Kan godkendes automatisk</translation>
    </message>
</context>
<context>
    <name>Voucher</name>
    <message>
        <source>{provider} {count} payment(s)</source>
        <translation>{provider} {count} betaling(er)</translation>
    </message>
    <message>
        <source>{provider} {count} refund(s)</source>
        <translation>{provider} {count} refusion(er)</translation>
    </message>
    <message>
        <source>{provider} {count} chargeback(s)</source>
        <translation>{provider} {count} tilbageførsel(er)</translation>
    </message>
    <message>
        <source> plan {plans}</source>
        <translation> abonnement {plans}</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>betaling</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>refusion</translation>
    </message>
    <message>
        <source>chargeback</source>
        <translation>tilbageførsel</translation>
    </message>
    <message>
        <source>{provider} {what} {reference} customer {customer}</source>
        <translation>{provider} {what} {reference} kunde {customer}</translation>
    </message>
    <message>
        <source> invoice {invoice}</source>
        <translation> faktura {invoice}</translation>
    </message>
    <message>
        <source>{provider} sales {day} (supplement {n})</source>
        <translation>{provider} salg {day} (tillæg {n})</translation>
    </message>
    <message>
        <source>{provider} sales {day}</source>
        <translation>{provider} salg {day}</translation>
    </message>
    <message>
        <source>{provider} deposit {label}</source>
        <translation>{provider}-udbetaling {label}</translation>
    </message>
    <message>
        <source>{acquirer} deposit {label} from account {account}</source>
        <translation>{acquirer}-udbetaling {label} fra konto {account}</translation>
    </message>
    <message>
        <source>{acquirer} fees ({count} items)</source>
        <translation>{acquirer} gebyrer ({count} poster)</translation>
    </message>
    <message>
        <source>{provider} adjustments</source>
        <translation>{provider} reguleringer</translation>
    </message>
    <message>
        <source>{provider} difference on deposit</source>
        <translation>{provider} difference på udbetaling</translation>
    </message>
    <message>
        <source>exchange rounding {currency} to {base}</source>
        <translation>kursafrunding {currency} til {base}</translation>
    </message>
    <message>
        <source>Reversal of voucher {number}: {text}</source>
        <translation>Tilbageførsel af bilag {number}: {text}</translation>
    </message>
    <message>
        <source>realised exchange difference {currency} to {base}</source>
        <translation>realiseret kursdifference {currency} til {base}</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>brug: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>positionelle argumenter</translation>
    </message>
    <message>
        <source>options</source>
        <translation>tilvalg</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>vis denne hjælp og afslut</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>vis programmets versionsnummer og afslut</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: fejl: %(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argument %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>følgende argumenter skal angives: %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>et af argumenterne %s skal angives</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>ukendte argumenter: %s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>ikke tilladt sammen med argumentet %s</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>ignoreret eksplicit argument %r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>forventede ét argument</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>forventede højst ét argument</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>forventede mindst ét argument</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>forventede %s argument</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>forventede %s argumenter</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>tvetydigt tilvalg: %(option)s kan betyde %(matches)s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>uventet tilvalg: %s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>ugyldig %(type)s-værdi: %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>ugyldigt valg: %(value)r (vælg mellem %(choices)s)</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>ukendt kommando %(parser_name)r (valg: %(choices)s)</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>kan ikke åbne &apos;%(filename)s&apos;: %(error)s</translation>
    </message>
</context>
</TS>
