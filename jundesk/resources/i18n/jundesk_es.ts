<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About JunDesk</source>
        <translation>Acerca de JunDesk</translation>
    </message>
    <message>
        <source>JunDesk %1</source>
        <translation>JunDesk %1</translation>
    </message>
    <message>
        <source>The town&apos;s posts on X, to the right desk, urgent first.
Free software: you may share and change it under the GNU General Public License, version 3 or later (%1). It comes with no warranty.</source>
        <translation>Los avisos de los vecinos en X, a la mesa que toca, lo urgente primero.
Software libre: puede compartirlo y modificarlo según la Licencia Pública General de GNU, versión 3 o posterior (%1). Se ofrece sin ninguna garantía.</translation>
    </message>
    <message>
        <source>Built with Python %1 and Qt for Python %2, and these components:</source>
        <translation>Hecho con Python %1 y Qt for Python %2, y con estos componentes:</translation>
    </message>
    <message>
        <source>The LGPL components are unmodified and kept as separate libraries, so they can be replaced; each one&apos;s licence text comes with its package.</source>
        <translation>Los componentes LGPL van sin modificar y como bibliotecas aparte, así que se pueden sustituir; el texto de la licencia de cada uno acompaña a su paquete.</translation>
    </message>
</context>
<context>
    <name>ActionErrors</name>
    <message>
        <source>%1 is not in this desk&apos;s database.</source>
        <translation>%1 no está en la base de datos de este puesto.</translation>
    </message>
    <message>
        <source>%1 was merged into %2: act on that case instead.</source>
        <translation>%1 se fusionó con %2: actúe sobre ese caso.</translation>
    </message>
    <message>
        <source>Set your name in the settings to take cases.</source>
        <translation>Ponga su nombre en los ajustes para quedarse casos.</translation>
    </message>
    <message>
        <source>Unknown priority “%1”: choose urgent, high, normal or low.</source>
        <translation>Prioridad desconocida «%1»: elija urgente, alta, normal o baja.</translation>
    </message>
    <message>
        <source>Unknown role “%1”: the town&apos;s roles are %2.</source>
        <translation>Área desconocida «%1»: las áreas del ayuntamiento son %2.</translation>
    </message>
    <message>
        <source>An empty note says nothing: write the note first.</source>
        <translation>Una nota vacía no dice nada: escriba primero la nota.</translation>
    </message>
    <message>
        <source>The reply is empty: write it first.</source>
        <translation>La respuesta está vacía: escríbala primero.</translation>
    </message>
    <message>
        <source>Write what the citizen reported first.</source>
        <translation>Escriba primero lo que comunicó el vecino.</translation>
    </message>
    <message>
        <source>A photo goes out with the closing reply: write the reply, or remove the photo.</source>
        <translation>La foto se publica con la respuesta de cierre: escriba la respuesta o quite la foto.</translation>
    </message>
    <message>
        <source>Choose at least one other case to merge into this one.</source>
        <translation>Elija al menos otro caso para fusionarlo con este.</translation>
    </message>
    <message>
        <source>%1 was itself merged: merge into the case it went to.</source>
        <translation>%1 ya se fusionó con otro: fusione con el caso en el que está.</translation>
    </message>
    <message>
        <source>%1 was already merged.</source>
        <translation>%1 ya estaba fusionado.</translation>
    </message>
    <message>
        <source>This case has no post to answer in public (it was logged at the desk).</source>
        <translation>Este caso no tiene ninguna publicación que responder en público (se registró en el mostrador).</translation>
    </message>
    <message>
        <source>No X account is connected on this desk.</source>
        <translation>No hay ninguna cuenta de X conectada en este puesto.</translation>
    </message>
    <message>
        <source>No %1 account is connected on this desk.</source>
        <translation>No hay ninguna cuenta de %1 conectada en este puesto.</translation>
    </message>
    <message>
        <source>The photo %1 can&apos;t go to X: it must be a readable JPEG, PNG, GIF or WEBP picture of at most 5 MB.</source>
        <translation>La foto %1 no puede ir a X: debe ser una imagen JPEG, PNG, GIF o WEBP legible de 5 MB como máximo.</translation>
    </message>
    <message>
        <source>X&apos;s rate limit for replies is used up: try again after %1.</source>
        <translation>Se agotó el límite de respuestas de X: inténtelo de nuevo después de las %1.</translation>
    </message>
    <message>
        <source>X refused the reply (%1): check the account&apos;s permissions.</source>
        <translation>X rechazó la respuesta (%1): revise los permisos de la cuenta.</translation>
    </message>
    <message>
        <source>X could not be reached: try again in a moment.</source>
        <translation>No se pudo contactar con X: inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>X did not take the reply: try again later.</source>
        <translation>X no aceptó la respuesta: inténtelo de nuevo más tarde.</translation>
    </message>
    <message>
        <source>a while</source>
        <translation>un rato</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the case</source>
        <translation>Asignar el caso</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>Asignar a</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Asignado a</translation>
    </message>
</context>
<context>
    <name>CaseCommands</name>
    <message>
        <source>Acknowledged</source>
        <translation>Visto</translation>
    </message>
    <message>
        <source>Set your name in the settings to take cases.</source>
        <translation>Ponga su nombre en los ajustes para quedarse casos.</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Para mí</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reabierto</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s)</source>
        <translation>
            <numerusform>%1: %n caso</numerusform>
            <numerusform>%1: %n casos</numerusform>
        </translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Asignado a %1</translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation>Derivado a %1</translation>
    </message>
    <message>
        <source>Select the duplicate cases in the list first (Ctrl+click, or Shift with the arrow keys), then merge them.</source>
        <translation>Seleccione antes los casos duplicados en la lista (Ctrl+clic, o Mayús con las flechas) y luego fusiónelos.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) merged into %1</source>
        <translation>
            <numerusform>%n caso fusionado en %1</numerusform>
            <numerusform>%n casos fusionados en %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The closing reply was not sent, so the case is still open: %1</source>
        <translation>La respuesta de cierre no se ha enviado, así que el caso sigue abierto: %1</translation>
    </message>
    <message>
        <source>Resolved: %1</source>
        <translation>Resuelto: %1</translation>
    </message>
    <message>
        <source>Logged as %1</source>
        <translation>Registrado como %1</translation>
    </message>
    <message>
        <source>Not published: JunDesk was closed before the reply went out. Send it again when it is ready.</source>
        <translation>No publicada: JunDesk se cerró antes de que saliera la respuesta. Envíela de nuevo cuando esté lista.</translation>
    </message>
    <message>
        <source>Not sent: %1 Your text is kept as a draft.</source>
        <translation>No enviada: %1 Su texto se guarda como borrador.</translation>
    </message>
    <message>
        <source>Reply published: %1</source>
        <translation>Respuesta publicada: %1</translation>
    </message>
    <message>
        <source>Published on the town&apos;s account.</source>
        <translation>Publicado en la cuenta del ayuntamiento.</translation>
    </message>
    <message>
        <source>Note added: %1</source>
        <translation>Nota añadida: %1</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Plazo</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Mensaje privado</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Select a case in the list (or press J) to see its conversation, notes and history.</source>
        <translation>Seleccione un caso de la lista (o pulse J) para ver su conversación, sus notas y su historial.</translation>
    </message>
    <message>
        <source>Case title</source>
        <translation>Título del caso</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Referencia del caso</translation>
    </message>
    <message>
        <source>Change priority</source>
        <translation>Cambiar la prioridad</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Enlaces</translation>
    </message>
    <message>
        <source>Links in this case</source>
        <translation>Enlaces de este caso</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>Detalles del caso</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Internal notes</source>
        <translation>Notas internas</translation>
    </message>
    <message>
        <source>New internal note</source>
        <translation>Nueva nota interna</translation>
    </message>
    <message>
        <source>A note for the town&apos;s desks (not published)…</source>
        <translation>Una nota para los puestos del Ayuntamiento (no se publica)…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>Add the note (Ctrl+Return)</source>
        <translation>Añadir la nota (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>History of the case</source>
        <translation>Historial del caso</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>Respuesta pública</translation>
    </message>
    <message>
        <source>Change the priority (keys 1 to 4)</source>
        <translation>Cambiar la prioridad (teclas 1 a 4)</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Mensaje privado</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(sin texto)</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Asignado a %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>Conversation (%1)</source>
        <translation>Conversación (%1)</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>Notas (%1)</translation>
    </message>
    <message>
        <source>A private message: the desks of %1 answer it.</source>
        <translation>Un mensaje privado: lo responden los puestos de %1.</translation>
    </message>
    <message>
        <source>%1 old</source>
        <translation>hace %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <source>Links (%1)</source>
        <translation>Enlaces (%1)</translation>
    </message>
    <message>
        <source>Open link in browser: %1</source>
        <translation>Abrir el enlace en el navegador: %1</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copiar el enlace</translation>
    </message>
    <message>
        <source>Photo from %1</source>
        <translation>Foto de %1</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
</context>
<context>
    <name>ChannelNotices</name>
    <message>
        <source>The Bluesky session can&apos;t be kept in the keyring: each start logs in again, and Bluesky allows 300 logins a day.</source>
        <translation>La sesión de Bluesky no se puede guardar en el llavero: cada arranque vuelve a iniciar sesión, y Bluesky permite 300 inicios de sesión al día.</translation>
    </message>
    <message>
        <source>Mastodon&apos;s notification filters keep some mentions from JunDesk (%1): set them to accept in the town account&apos;s notification settings.</source>
        <translation>Los filtros de notificaciones de Mastodon impiden que algunas menciones lleguen a JunDesk (%1): póngalos en aceptar en los ajustes de notificaciones de la cuenta del Ayuntamiento.</translation>
    </message>
    <message>
        <source>the desk read nothing from the bot for %1 h (since %2 UTC); Telegram keeps messages only 24 h, so those sent before the last 24 h are lost.</source>
        <translation>el puesto no leyó nada del bot durante %1 h (desde %2 UTC); Telegram guarda los mensajes solo 24 h, así que los enviados antes de las últimas 24 h se han perdido.</translation>
    </message>
</context>
<context>
    <name>ChannelSettings</name>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Bot API address</source>
        <translation>Dirección de la Bot API</translation>
    </message>
    <message>
        <source>Photos address</source>
        <translation>Dirección de las fotos</translation>
    </message>
    <message>
        <source>Town account</source>
        <translation>Cuenta del Ayuntamiento</translation>
    </message>
    <message>
        <source>Town&apos;s announcement channel</source>
        <translation>Canal de avisos del Ayuntamiento</translation>
    </message>
    <message>
        <source>Wait for messages (seconds)</source>
        <translation>Espera de mensajes (segundos)</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>App password</source>
        <translation>Contraseña de aplicación</translation>
    </message>
    <message>
        <source>Bot token</source>
        <translation>Token del bot</translation>
    </message>
</context>
<context>
    <name>ChannelSettingsPane</name>
    <message>
        <source>The channels this desk reads and answers on. Tokens and passwords go to this computer&apos;s keyring when you save: they are never shown here again; leave one empty to keep the one stored.</source>
        <translation>Los canales que este puesto lee y en los que responde. Los tokens y contraseñas van al llavero de este ordenador al guardar: nunca se vuelven a mostrar aquí; deje uno vacío para conservar el guardado.</translation>
    </message>
    <message>
        <source>Read and answer on %1</source>
        <translation>Leer y responder en %1</translation>
    </message>
    <message>
        <source>Its keys and address are on the X account tab.</source>
        <translation>Sus claves y su dirección están en la pestaña Cuenta de X.</translation>
    </message>
    <message>
        <source>Not available in this JunDesk: %1</source>
        <translation>No disponible en este JunDesk: %1</translation>
    </message>
    <message>
        <source>kept in the keyring: type to replace it</source>
        <translation>guardado en el llavero: escriba para sustituirlo</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin configurar</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Log a complaint</source>
        <translation>Registrar una queja</translation>
    </message>
    <message>
        <source>A citizen came to the desk or called: write down what they reported. It becomes a case like any post.</source>
        <translation>Un vecino ha venido o ha llamado: anote lo que ha contado. Se convierte en un caso como cualquier publicación.</translation>
    </message>
    <message>
        <source>How it came in</source>
        <translation>Cómo llegó</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Citizen&apos;s name (optional)</source>
        <translation>Nombre del vecino (opcional)</translation>
    </message>
    <message>
        <source>Citizen&apos;s name</source>
        <translation>Nombre del vecino</translation>
    </message>
    <message>
        <source>What they reported</source>
        <translation>Qué ha contado</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>In person at the desk</source>
        <translation>En persona, en el mostrador</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <source>Let triage decide</source>
        <translation>Que decida la clasificación automática</translation>
    </message>
</context>
<context>
    <name>ConversationDocument</name>
    <message>
        <source>Town reply</source>
        <translation>Respuesta del Ayuntamiento</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada de teléfono</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>En el mostrador</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>en %1</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Mensaje privado</translation>
    </message>
    <message>
        <source>Only the desks of %1 read it.</source>
        <translation>Solo lo leen los puestos de %1.</translation>
    </message>
    <message>
        <source>Only the desks of the case&apos;s role read it.</source>
        <translation>Solo lo leen los puestos del área del caso.</translation>
    </message>
    <message>
        <source>Click to see it full size</source>
        <translation>Pulse para verla a tamaño completo</translation>
    </message>
    <message>
        <source>Photo: </source>
        <translation>Foto: </translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Todavía no hay notas.</translation>
    </message>
</context>
<context>
    <name>DemoDeskDialog</name>
    <message>
        <source>JunDesk demo</source>
        <translation>Demostración de JunDesk</translation>
    </message>
    <message>
        <source>Which desk are you?</source>
        <translation>¿Qué puesto es usted?</translation>
    </message>
    <message>
        <source>The demo shows a day in the town of Jun as that desk sees it.</source>
        <translation>La demostración enseña un día en el pueblo de Jun tal como lo ve ese puesto.</translation>
    </message>
    <message>
        <source>The police officer: police cases</source>
        <translation>El policía local: los casos de policía</translation>
    </message>
    <message>
        <source>The street crew: street cleaning and lighting</source>
        <translation>La brigada de calle: limpieza viaria y alumbrado</translation>
    </message>
    <message>
        <source>The town hall&apos;s front desk: every case</source>
        <translation>Atención ciudadana del Ayuntamiento: todos los casos</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Intake warning</source>
        <translation>Aviso sobre la entrada de publicaciones</translation>
    </message>
    <message>
        <source>Town hub</source>
        <translation>Central del municipio</translation>
    </message>
    <message>
        <source>Town intake</source>
        <translation>Recogida del municipio</translation>
    </message>
    <message>
        <source>Roles nobody covers</source>
        <translation>Áreas sin nadie de servicio</translation>
    </message>
    <message>
        <source>Last good poll</source>
        <translation>Última consulta correcta</translation>
    </message>
    <message>
        <source>Next poll</source>
        <translation>Próxima consulta</translation>
    </message>
    <message>
        <source>Rate limit left</source>
        <translation>Margen del límite de consultas</translation>
    </message>
    <message>
        <source>Reads this month</source>
        <translation>Lecturas este mes</translation>
    </message>
    <message>
        <source>Collecting for the town</source>
        <translation>Este puesto recoge para todo el municipio</translation>
    </message>
    <message>
        <source>Standby: another desk collects for the town</source>
        <translation>En espera: otro puesto recoge para el municipio</translation>
    </message>
    <message>
        <source>This desk may not collect for the town</source>
        <translation>Este puesto no puede recoger para el municipio</translation>
    </message>
    <message>
        <source>Nobody on duty: %1</source>
        <translation>Nadie de servicio: %1</translation>
    </message>
    <message>
        <source>Hub: connected, but this computer&apos;s clock is %1 min ahead of the hub&apos;s: set it right</source>
        <translation>Hub: conectado, pero el reloj de este ordenador va %1 min adelantado respecto al del hub: póngalo en hora</translation>
    </message>
    <message>
        <source>Hub: connected, but this computer&apos;s clock is %1 min behind the hub&apos;s: set it right</source>
        <translation>Hub: conectado, pero el reloj de este ordenador va %1 min atrasado respecto al del hub: póngalo en hora</translation>
    </message>
    <message>
        <source>Hub: connected, %1 to send</source>
        <translation>Central: conectada, %1 por enviar</translation>
    </message>
    <message>
        <source>Hub: connected</source>
        <translation>Central: conectada</translation>
    </message>
    <message>
        <source>Hub: connecting…</source>
        <translation>Central: conectando…</translation>
    </message>
    <message>
        <source>Offline since %1: your work is kept here and sent when the hub is back</source>
        <translation>Sin conexión desde las %1: su trabajo se guarda aquí y se enviará cuando vuelva la central</translation>
    </message>
    <message>
        <source>%1 intake</source>
        <translation>Entrada de %1</translation>
    </message>
    <message>
        <source>The X app&apos;s monthly cap is reached: no new posts arrive until %1, or until intake&apos;s settings or the X keys change. Cases can still be logged at the desk.</source>
        <translation>Se ha alcanzado el tope mensual de la app de X: no llegarán publicaciones nuevas hasta el %1, o hasta que cambien los ajustes de entrada o las claves de X. Aún se pueden registrar casos en el mostrador.</translation>
    </message>
    <message>
        <source>Another JunDesk (process %1) collects into this desk&apos;s database, so this window doesn&apos;t poll X (both would be billed). Close the other one, and this window takes over.</source>
        <translation>Otro JunDesk (proceso %1) recoge publicaciones en la base de datos de este puesto, así que esta ventana no consulta X (se cobraría dos veces). Cierre el otro y esta ventana tomará el relevo.</translation>
    </message>
    <message>
        <source>Intake is failing: %1 New posts are not arriving.</source>
        <translation>La entrada de publicaciones falla: %1 No están llegando publicaciones nuevas.</translation>
    </message>
    <message>
        <source>No successful poll for %1: new posts may not be arriving. Check the network, or press F5 to try now.</source>
        <translation>Ninguna consulta correcta desde hace %1: puede que no estén llegando publicaciones nuevas. Compruebe la red o pulse F5 para intentarlo ahora.</translation>
    </message>
    <message>
        <source>Not polled yet</source>
        <translation>Aún sin consultar</translation>
    </message>
    <message>
        <source>Last poll: just now</source>
        <translation>Última consulta: ahora mismo</translation>
    </message>
    <message>
        <source>Last poll: %1 ago</source>
        <translation>Última consulta: hace %1</translation>
    </message>
    <message>
        <source>Next: in %1 s</source>
        <translation>Siguiente: en %1 s</translation>
    </message>
    <message>
        <source>Intake is off: no channel is connected, so no new posts arrive. Cases can still be logged at the desk.</source>
        <translation>La entrada está desactivada: no hay ningún canal conectado, así que no llegan publicaciones nuevas. Se pueden seguir registrando casos en el mostrador.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no answer from the service.</source>
        <translation>el servicio no responde.</translation>
    </message>
    <message>
        <source>Intake notice</source>
        <translation>Aviso sobre la entrada de publicaciones</translation>
    </message>
    <message>
        <source>Next: now</source>
        <translation>Siguiente: ahora</translation>
    </message>
    <message>
        <source>Rate limit: %1/%2 left</source>
        <translation>Límite de consultas: quedan %1/%2</translation>
    </message>
    <message>
        <source>Reads this month: %1 of %2</source>
        <translation>Lecturas este mes: %1 de %2</translation>
    </message>
</context>
<context>
    <name>DisplayNames</name>
    <message>
        <source>Police</source>
        <translation>Policía</translation>
    </message>
    <message>
        <source>Street cleaning</source>
        <translation>Limpieza viaria</translation>
    </message>
    <message>
        <source>Lighting</source>
        <translation>Alumbrado</translation>
    </message>
    <message>
        <source>Unrouted</source>
        <translation>Sin clasificar</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>Parques y jardines</translation>
    </message>
    <message>
        <source>Waste</source>
        <translation>Residuos</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Aguas</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Tráfico</translation>
    </message>
    <message>
        <source>Roads and pavements</source>
        <translation>Vías y aceras</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>Edificios y urbanismo</translation>
    </message>
    <message>
        <source>Pests</source>
        <translation>Plagas</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>En el mostrador</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 y %2</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Visto</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Fusionado</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baja</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>New post</source>
        <translation>Nueva publicación</translation>
    </message>
    <message>
        <source>Routed</source>
        <translation>Clasificado</translation>
    </message>
    <message>
        <source>Re-routed</source>
        <translation>Derivado a otra área</translation>
    </message>
    <message>
        <source>Priority set</source>
        <translation>Prioridad fijada</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respondido</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reabierto</translation>
    </message>
    <message>
        <source>Merged into another</source>
        <translation>Fusionado con otro</translation>
    </message>
    <message>
        <source>Duplicate merged in</source>
        <translation>Duplicado fusionado aquí</translation>
    </message>
    <message>
        <source>Personal data blocked</source>
        <translation>Datos personales bloqueados</translation>
    </message>
    <message>
        <source>Target missed</source>
        <translation>Objetivo incumplido</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
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
        <translation>%1 sem</translation>
    </message>
</context>
<context>
    <name>DutySettingsDialog</name>
    <message>
        <source>Monday</source>
        <translation>Lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>from</source>
        <translation>de</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>ends the next day</source>
        <translation>termina al día siguiente</translation>
    </message>
    <message>
        <source>Duty and notifications</source>
        <translation>Servicio y avisos</translation>
    </message>
    <message>
        <source>Weekly schedule</source>
        <translation>Horario semanal</translation>
    </message>
    <message>
        <source>Go on and off duty by this schedule (local time)</source>
        <translation>Entrar y salir de servicio según este horario (hora local)</translation>
    </message>
    <message>
        <source>Outside these hours the desk is off duty: no sounds, no pop-ups. The toolbar button still puts you on or off duty until the schedule next changes.</source>
        <translation>Fuera de este horario el puesto está fuera de servicio: sin sonidos ni ventanas emergentes. El botón de la barra de herramientas le sigue poniendo de servicio o fuera de servicio hasta el siguiente cambio del horario.</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>Este puesto</translation>
    </message>
    <message>
        <source>Play a sound when a case comes in</source>
        <translation>Reproducir un sonido cuando llegue un caso</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>A new language shows the next time JunDesk starts.</source>
        <translation>El nuevo idioma se verá la próxima vez que se abra JunDesk.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Urgent cases nobody covers</source>
        <translation>Casos urgentes sin nadie de servicio</translation>
    </message>
    <message>
        <source>When an urgent case comes in and nobody on duty covers its role, the front desk is told.</source>
        <translation>Cuando llega un caso urgente y no hay nadie de servicio en su área, se avisa a atención ciudadana.</translation>
    </message>
    <message>
        <source>Also answer the citizen in public, pointing to 112</source>
        <translation>Responder además al vecino en público, indicándole que llame al 112</translation>
    </message>
    <message>
        <source>The answer, in the citizen&apos;s language:</source>
        <translation>La respuesta, en el idioma del vecino:</translation>
    </message>
</context>
<context>
    <name>DutyWatch</name>
    <message>
        <source>Urgent and not acknowledged within %1 min: escalated, the front desk is told.</source>
        <translation>Urgente y sin acusar recibo en %1 min: escalado, se avisa a atención ciudadana.</translation>
    </message>
    <message>
        <source>Urgent, and nobody on duty covers %1: the front desk is told.</source>
        <translation>Urgente y sin nadie de servicio en %1: se avisa a atención ciudadana.</translation>
    </message>
    <message>
        <source>The citizen gets an automatic answer pointing to 112.</source>
        <translation>El vecino recibe una respuesta automática que le remite al 112.</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>De servicio</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <source>On duty: new cases for your roles notify you. Click to go off duty.</source>
        <translation>De servicio: se le avisa de los casos nuevos de sus áreas. Pulse para salir de servicio.</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. Click to go on duty.</source>
        <translation>Fuera de servicio: sin sonidos ni ventanas emergentes. Pulse para entrar de servicio.</translation>
    </message>
</context>
<context>
    <name>EventHistoryModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>words: %1</source>
        <translation>palabras: %1</translation>
    </message>
    <message>
        <source>%1% sure</source>
        <translation>seguro al %1%</translation>
    </message>
    <message>
        <source>rule words: %1</source>
        <translation>palabras de las reglas: %1</translation>
    </message>
    <message>
        <source>the model&apos;s words: %1</source>
        <translation>palabras del modelo: %1</translation>
    </message>
    <message>
        <source>probably: %1</source>
        <translation>probablemente: %1</translation>
    </message>
    <message>
        <source>not acknowledged within %1 min</source>
        <translation>sin acuse de recibo en %1 min</translation>
    </message>
    <message>
        <source>no public reply within %1 min</source>
        <translation>sin respuesta pública en %1 min</translation>
    </message>
    <message>
        <source>not resolved within %1 min of working time</source>
        <translation>sin resolver en %1 min de horario de trabajo</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>the citizen wrote that the problem is back</source>
        <translation>el vecino escribe que el problema ha vuelto</translation>
    </message>
    <message>
        <source>the citizen thanks the town (the case stays resolved)</source>
        <translation>el vecino da las gracias (el caso sigue resuelto)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>a private reply</source>
        <translation>una respuesta privada</translation>
    </message>
    <message>
        <source>photo: %1</source>
        <translation>foto: %1</translation>
    </message>
    <message>
        <source>into #%1</source>
        <translation>en el #%1</translation>
    </message>
    <message>
        <source>from #%1</source>
        <translation>desde el #%1</translation>
    </message>
</context>
<context>
    <name>FilterChip</name>
    <message>
        <source>Turn this filter off</source>
        <translation>Quitar este filtro</translation>
    </message>
    <message>
        <source>Turn off the filter %1</source>
        <translation>Quitar el filtro %1</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <source>Filters on:</source>
        <translation>Filtros:</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to JunDesk</source>
        <translation>Le damos la bienvenida a JunDesk</translation>
    </message>
    <message>
        <source>JunDesk reads the posts citizens send to the town&apos;s account on X and puts each one in front of the right desk, urgent first. How do you want to start?</source>
        <translation>JunDesk lee las publicaciones que los vecinos envían a la cuenta del Ayuntamiento en X y pone cada una ante el puesto que corresponde, las urgentes primero. ¿Cómo quiere empezar?</translation>
    </message>
    <message>
        <source>&amp;Connect the town&apos;s X account</source>
        <translation>&amp;Conectar la cuenta de X del Ayuntamiento</translation>
    </message>
    <message>
        <source>You need the keys of the town&apos;s X developer app. They are kept in this computer&apos;s keyring, never in a file.</source>
        <translation>Necesita las claves de la aplicación de desarrollador de X del Ayuntamiento. Se guardan en el llavero de este ordenador, nunca en un archivo.</translation>
    </message>
    <message>
        <source>Open the &amp;demo: a simulated day in the town of Jun</source>
        <translation>Abrir la &amp;demostración: un día simulado en el pueblo de Jun</translation>
    </message>
    <message>
        <source>No account needed: a local copy of X&apos;s API and a simulated town post to this desk every few seconds.</source>
        <translation>No hace falta cuenta: una copia local de la API de X y un pueblo simulado envían publicaciones a este puesto cada pocos segundos.</translation>
    </message>
    <message>
        <source>Paste the keys from the town&apos;s app on developer.x.com. The bearer token is enough to read; replying needs the API key, its secret, the access token and its secret.</source>
        <translation>Pegue las claves de la aplicación del Ayuntamiento en developer.x.com. Para leer basta el token de portador (bearer token); para responder hacen falta la clave de API, su secreto, el token de acceso y su secreto.</translation>
    </message>
    <message>
        <source>Bearer token (reads):</source>
        <translation>Token de portador (lectura):</translation>
    </message>
    <message>
        <source>Bearer token (reads)</source>
        <translation>Token de portador (lectura)</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clave de API:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>API key secret:</source>
        <translation>Secreto de la clave de API:</translation>
    </message>
    <message>
        <source>API key secret</source>
        <translation>Secreto de la clave de API</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token de acceso:</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>Access token secret:</source>
        <translation>Secreto del token de acceso:</translation>
    </message>
    <message>
        <source>Access token secret</source>
        <translation>Secreto del token de acceso</translation>
    </message>
    <message>
        <source>API address:</source>
        <translation>Dirección de la API:</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Dirección de la API</translation>
    </message>
    <message>
        <source>Leave empty to use X&apos;s own API</source>
        <translation>Déjelo vacío para usar la API de X</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Probar la conexión</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Resultado de la prueba de conexión</translation>
    </message>
    <message>
        <source>This desk handles</source>
        <translation>Este puesto atiende</translation>
    </message>
    <message>
        <source>Your &amp;name (shown in the history of what you do)</source>
        <translation>Su &amp;nombre (aparece en el historial de lo que hace)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <source>Front desk: every role, and what no rule could route</source>
        <translation>Atención ciudadana: todas las áreas y lo que ninguna regla pudo clasificar</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminar</translation>
    </message>
    <message>
        <source>Paste at least the bearer token, or the four user keys.</source>
        <translation>Pegue al menos el token de portador, o las cuatro claves de usuario.</translation>
    </message>
    <message>
        <source>Asking X…</source>
        <translation>Consultando a X…</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Conectado como %1</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Sin conexión: %1</translation>
    </message>
    <message>
        <source>Choose at least one role for this desk.</source>
        <translation>Elija al menos un área para este puesto.</translation>
    </message>
    <message>
        <source>Your name is needed: the history shows who did what.</source>
        <translation>Hace falta su nombre: el historial muestra quién hizo qué.</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Mine</source>
        <translation>Míos</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Todos los abiertos</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resueltos</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln case(s), %3 unread</source>
        <translation>
            <numerusform>%1: %Ln caso, %3 sin leer</numerusform>
            <numerusform>%1: %Ln casos, %3 sin leer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln case(s)</source>
        <translation>
            <numerusform>%1: %Ln caso</numerusform>
            <numerusform>%1: %Ln casos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> (demo)</source>
        <translation> (demostración)</translation>
    </message>
    <message>
        <source>JunDesk</source>
        <translation>JunDesk</translation>
    </message>
    <message>
        <source> (filtered)</source>
        <translation> (filtrado)</translation>
    </message>
    <message>
        <source>&amp;Records…</source>
        <translation>&amp;Cifras y récords…</translation>
    </message>
    <message>
        <source>The town&apos;s record: figures, plots, records</source>
        <translation>Las cifras del pueblo: medidas, gráficos, récords</translation>
    </message>
    <message>
        <source>“%1” in all cases: counting…</source>
        <translation>«%1» en todos los casos: contando…</translation>
    </message>
    <message numerus="yes">
        <source>“%1” in all cases: %Ln found</source>
        <translation>
            <numerusform>«%1» en todos los casos: %Ln encontrado</numerusform>
            <numerusform>«%1» en todos los casos: %Ln encontrados</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: counting cases…%3</source>
        <translation>%1: contando casos…%3</translation>
    </message>
    <message>
        <source>%1 left this list.</source>
        <translation>%1 ha salido de esta lista.</translation>
    </message>
    <message>
        <source>the next case</source>
        <translation>el caso siguiente</translation>
    </message>
    <message>
        <source>%1 left this list; now showing %2.</source>
        <translation>%1 ha salido de esta lista; ahora se muestra %2.</translation>
    </message>
    <message>
        <source>%1 is in none of this desk&apos;s inboxes.</source>
        <translation>%1 no está en ninguna bandeja de este puesto.</translation>
    </message>
    <message numerus="yes">
        <source>The simulated day is over: all %n post(s) are in.</source>
        <translation>
            <numerusform>El día simulado ha terminado: ha llegado %n mensaje.</numerusform>
            <numerusform>El día simulado ha terminado: han llegado los %n mensajes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The simulated day in the demo is over: no more posts will come. Run &apos;jundesk demo&apos; again for a new day.</source>
        <translation>El día simulado de la demostración ha terminado: no llegarán más mensajes. Ejecute &apos;jundesk demo&apos; de nuevo para otro día.</translation>
    </message>
    <message>
        <source>Duty and &amp;notifications…</source>
        <translation>Servicio y &amp;avisos…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>No se pudieron guardar los ajustes: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Ajustes guardados.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>Case %1 is assigned to %2 (%3), not to you: their claim came first.</source>
        <translation>El caso %1 está asignado a %2 (%3), no a usted: lo tomaron antes.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln case(s)%3</source>
        <translation>
            <numerusform>%1: %Ln caso%3</numerusform>
            <numerusform>%1: %Ln casos%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Something went wrong (%1): %2. The details are in the log.</source>
        <translation>Algo ha fallado (%1): %2. Los detalles están en el registro.</translation>
    </message>
    <message>
        <source>Ctrl+1…9	Go to an inbox</source>
        <translation>Ctrl+1…9	Ir a una bandeja</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Inboxes</source>
        <translation>Bandejas</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>The case</source>
        <translation>El caso</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Caso</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Prioridad</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Case actions</source>
        <translation>Acciones del caso</translation>
    </message>
    <message>
        <source>&amp;Next case</source>
        <translation>Caso &amp;siguiente</translation>
    </message>
    <message>
        <source>Select the next case in the list</source>
        <translation>Seleccionar el caso siguiente de la lista</translation>
    </message>
    <message>
        <source>&amp;Previous case</source>
        <translation>Caso &amp;anterior</translation>
    </message>
    <message>
        <source>Select the previous case in the list</source>
        <translation>Seleccionar el caso anterior de la lista</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Visto</translation>
    </message>
    <message>
        <source>Tell the town you have seen this case</source>
        <translation>Indicar que ha visto este caso</translation>
    </message>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Para mí</translation>
    </message>
    <message>
        <source>Assign the case to yourself</source>
        <translation>Asignarse el caso</translation>
    </message>
    <message>
        <source>Assign &amp;to…</source>
        <translation>Asignar a &amp;otra persona…</translation>
    </message>
    <message>
        <source>Assign the case to someone</source>
        <translation>Asignar el caso a alguien</translation>
    </message>
    <message>
        <source>Re-&amp;route…</source>
        <translation>&amp;Derivar a otra área…</translation>
    </message>
    <message>
        <source>Send the case to another role, with a reason</source>
        <translation>Enviar el caso a otra área, con el motivo</translation>
    </message>
    <message>
        <source>&amp;Urgent</source>
        <translation>&amp;Urgente</translation>
    </message>
    <message>
        <source>Set the priority to urgent</source>
        <translation>Poner la prioridad en urgente</translation>
    </message>
    <message>
        <source>&amp;High</source>
        <translation>&amp;Alta</translation>
    </message>
    <message>
        <source>Set the priority to high</source>
        <translation>Poner la prioridad en alta</translation>
    </message>
    <message>
        <source>&amp;Normal</source>
        <translation>&amp;Normal</translation>
    </message>
    <message>
        <source>Set the priority to normal</source>
        <translation>Poner la prioridad en normal</translation>
    </message>
    <message>
        <source>&amp;Low</source>
        <translation>&amp;Baja</translation>
    </message>
    <message>
        <source>Set the priority to low</source>
        <translation>Poner la prioridad en baja</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>&amp;Nota interna</translation>
    </message>
    <message>
        <source>Write a note only the town&apos;s desks see</source>
        <translation>Escribir una nota que solo ven los puestos del Ayuntamiento</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>Res&amp;ponder</translation>
    </message>
    <message>
        <source>Write a public reply to the citizen</source>
        <translation>Escribir una respuesta pública al vecino</translation>
    </message>
    <message>
        <source>&amp;Send reply</source>
        <translation>&amp;Enviar la respuesta</translation>
    </message>
    <message>
        <source>Publish the reply where the citizen wrote (Ctrl+Return in the reply box)</source>
        <translation>Publicar la respuesta donde escribió el vecino (Ctrl+Intro en el cuadro de respuesta)</translation>
    </message>
    <message>
        <source>R&amp;esolve…</source>
        <translation>Reso&amp;lver…</translation>
    </message>
    <message>
        <source>Mark the case resolved, with an optional closing reply and photo</source>
        <translation>Dar el caso por resuelto, si quiere con una respuesta de cierre y una foto</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Rea&amp;brir</translation>
    </message>
    <message>
        <source>Open a finished case again</source>
        <translation>Volver a abrir un caso terminado</translation>
    </message>
    <message>
        <source>&amp;Merge duplicates…</source>
        <translation>&amp;Fusionar duplicados…</translation>
    </message>
    <message>
        <source>Merge the selected cases into one</source>
        <translation>Fusionar en uno los casos seleccionados</translation>
    </message>
    <message>
        <source>&amp;Log a complaint…</source>
        <translation>&amp;Registrar una queja…</translation>
    </message>
    <message>
        <source>Log a walk-in or phone complaint as a case</source>
        <translation>Registrar como caso una queja presencial o telefónica</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>B&amp;uscar</translation>
    </message>
    <message>
        <source>Search all cases</source>
        <translation>Buscar en todos los casos</translation>
    </message>
    <message>
        <source>&amp;Links in this case…</source>
        <translation>&amp;Enlaces de este caso…</translation>
    </message>
    <message>
        <source>Show the links in the case; open one in the browser</source>
        <translation>Mostrar los enlaces del caso y abrir uno en el navegador</translation>
    </message>
    <message>
        <source>&amp;Check for new posts</source>
        <translation>&amp;Comprobar si hay publicaciones nuevas</translation>
    </message>
    <message>
        <source>Poll X now</source>
        <translation>Consultar X ahora</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>Show every keyboard shortcut</source>
        <translation>Mostrar todos los atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About JunDesk</source>
        <translation>&amp;Acerca de JunDesk</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Close JunDesk</source>
        <translation>Cerrar JunDesk</translation>
    </message>
</context>
<context>
    <name>MeasuresModel</name>
    <message>
        <source>Role</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Acknowledge
median</source>
        <translation>Visto
mediana</translation>
    </message>
    <message>
        <source>Acknowledge
p90</source>
        <translation>Visto
p90</translation>
    </message>
    <message>
        <source>Reply
median</source>
        <translation>Respuesta
mediana</translation>
    </message>
    <message>
        <source>Reply
p90</source>
        <translation>Respuesta
p90</translation>
    </message>
    <message>
        <source>Resolve
median</source>
        <translation>Resolución
mediana</translation>
    </message>
    <message>
        <source>Resolve
p90</source>
        <translation>Resolución
p90</translation>
    </message>
    <message>
        <source>Acknowledged
within target</source>
        <translation>Visto
en plazo</translation>
    </message>
    <message>
        <source>Replied
within target</source>
        <translation>Respondido
en plazo</translation>
    </message>
    <message>
        <source>Resolved
within target</source>
        <translation>Resuelto
en plazo</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Pendientes</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge duplicate cases</source>
        <translation>Fusionar casos duplicados</translation>
    </message>
    <message>
        <source>These cases report the same matter. Choose the one to keep: the others join it, with their posts, and are closed as merged.</source>
        <translation>Estos casos tratan del mismo asunto. Elija el que se conserva: los demás se unen a él, con sus publicaciones, y se cierran como fusionados.</translation>
    </message>
    <message>
        <source>Case to keep</source>
        <translation>Caso que se conserva</translation>
    </message>
</context>
<context>
    <name>NotificationToast</name>
    <message>
        <source>New case notification</source>
        <translation>Aviso de caso nuevo</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Not acknowledged in time: %s</source>
        <translation>Sin acusar recibo a tiempo: %s</translation>
    </message>
    <message numerus="yes">
        <source>%n urgent case(s) not acknowledged in time</source>
        <translation>
            <numerusform>%n caso urgente sin acusar recibo a tiempo</numerusform>
            <numerusform>%n casos urgentes sin acusar recibo a tiempo</numerusform>
        </translation>
    </message>
    <message>
        <source>Urgent: %s</source>
        <translation>Urgente: %s</translation>
    </message>
    <message>
        <source>New case: %s</source>
        <translation>Caso nuevo: %s</translation>
    </message>
    <message numerus="yes">
        <source>%n new case(s)</source>
        <translation>
            <numerusform>%n caso nuevo</numerusform>
            <numerusform>%n casos nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n urgent</source>
        <translation>
            <numerusform>%n urgente</numerusform>
            <numerusform>%n urgentes</numerusform>
        </translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Mensaje privado</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…y %n más</numerusform>
            <numerusform>…y %n más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OffDutyBanner</name>
    <message>
        <source>Off duty</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <source>Go on duty</source>
        <translation>Entrar de servicio</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. This desk is alone: nobody will be alerted, not even of urgent cases.</source>
        <translation>Fuera de servicio: sin sonidos ni avisos. Este puesto está solo: nadie recibirá avisos, tampoco de urgencias.</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. Nobody else on duty covers %1: nobody will be alerted of its urgent cases.</source>
        <translation>Fuera de servicio: sin sonidos ni avisos. Nadie más de servicio cubre %1: nadie recibirá aviso de sus urgencias.</translation>
    </message>
    <message>
        <source>Off duty: no sounds, no pop-ups. Urgent cases go to whoever is on duty.</source>
        <translation>Fuera de servicio: sin sonidos ni ventanas emergentes. Los casos urgentes van a quien esté de servicio.</translation>
    </message>
    <message>
        <source>Back on duty at %s.</source>
        <translation>Vuelta al servicio: %s.</translation>
    </message>
</context>
<context>
    <name>OffDutyConfirmDialog</name>
    <message>
        <source>Go off duty?</source>
        <translation>¿Salir de servicio?</translation>
    </message>
    <message numerus="yes">
        <source>%n urgent case(s) of your roles are still open:</source>
        <translation>
            <numerusform>%n caso urgente de sus áreas sigue abierto:</numerusform>
            <numerusform>%n casos urgentes de sus áreas siguen abiertos:</numerusform>
        </translation>
    </message>
    <message>
        <source>Urgent cases still open</source>
        <translation>Casos urgentes aún abiertos</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Nobody else on duty covers %1: once you are off, nobody will be alerted of these cases or of new urgent ones.</source>
        <translation>Nadie más de servicio cubre %1: en cuanto salga, nadie recibirá aviso de estos casos ni de los urgentes nuevos.</translation>
    </message>
    <message>
        <source>Another desk on duty covers your roles and will be alerted.</source>
        <translation>Otro puesto de servicio cubre sus áreas y recibirá los avisos.</translation>
    </message>
    <message>
        <source>Stay on duty</source>
        <translation>Seguir de servicio</translation>
    </message>
    <message>
        <source>Go off duty anyway</source>
        <translation>Salir de servicio igualmente</translation>
    </message>
</context>
<context>
    <name>OffDutySummaryDialog</name>
    <message>
        <source>While you were off</source>
        <translation>Mientras estaba fuera</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Del %1 al %2</translation>
    </message>
    <message>
        <source>Cases per role</source>
        <translation>Casos por área</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Came in</source>
        <translation>Llegados</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Siguen abiertos</translation>
    </message>
    <message>
        <source>Urgent cases that came in</source>
        <translation>Casos urgentes que llegaron</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publicación</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more urgent case(s)</source>
        <translation>
            <numerusform>…y %n caso urgente más</numerusform>
            <numerusform>…y %n casos urgentes más</numerusform>
        </translation>
    </message>
    <message>
        <source>Show urgent cases</source>
        <translation>Ver los casos urgentes</translation>
    </message>
    <message>
        <source>Nothing came in for your roles.</source>
        <translation>No ha llegado nada para sus áreas.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) came in for your roles.</source>
        <translation>
            <numerusform>Ha llegado %n caso para sus áreas.</numerusform>
            <numerusform>Han llegado %n casos para sus áreas.</numerusform>
        </translation>
    </message>
    <message>
        <source>No urgent cases.</source>
        <translation>Ningún caso urgente.</translation>
    </message>
    <message numerus="yes">
        <source>%n urgent case(s):</source>
        <translation>
            <numerusform>%n caso urgente:</numerusform>
            <numerusform>%n casos urgentes:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishStrip</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>Undo: keep the reply as a draft</source>
        <translation>Deshacer: guardar la respuesta como borrador</translation>
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
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>%1: %2 cases</source>
        <translation>%1: %2 casos</translation>
    </message>
    <message>
        <source>Cases by role</source>
        <translation>Casos por área</translation>
    </message>
    <message>
        <source>Time to resolve</source>
        <translation>Tiempo hasta resolver</translation>
    </message>
    <message>
        <source>% within target per week</source>
        <translation>% en plazo por semana</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Visto</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Semana del %1</translation>
    </message>
    <message>
        <source>Backlog (open cases)</source>
        <translation>Pendientes (casos abiertos)</translation>
    </message>
    <message>
        <source>%1: %2 open</source>
        <translation>%1: %2 abiertos</translation>
    </message>
    <message>
        <source>Arrivals by weekday and hour</source>
        <translation>Entradas por día y hora</translation>
    </message>
    <message>
        <source>Heat map role</source>
        <translation>Área del mapa de calor</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>Todas las áreas</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Records</source>
        <translation>Cifras y récords</translation>
    </message>
    <message>
        <source>&amp;Plots</source>
        <translation>&amp;Gráficos</translation>
    </message>
    <message>
        <source>&amp;Measures</source>
        <translation>&amp;Medidas</translation>
    </message>
    <message>
        <source>Click a bar, point or cell to list its cases.</source>
        <translation>Pulse una barra, un punto o una celda para ver sus casos.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>&amp;Abrir caso</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>&amp;Roles</source>
        <translation>Á&amp;reas</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>Por día</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>Por semana</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>Por mes</translation>
    </message>
    <message>
        <source>Weekly &amp;summary…</source>
        <translation>&amp;Resumen semanal…</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>Exportar P&amp;NG…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>Exportar P&amp;DF…</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>Todas las áreas</translation>
    </message>
    <message>
        <source>My roles</source>
        <translation>Mis áreas</translation>
    </message>
    <message>
        <source>%1 roles</source>
        <translation>%1 áreas</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 casos</translation>
    </message>
    <message>
        <source>still counting working hours (%1 %)</source>
        <translation>aún contando horas de trabajo (%1 %)</translation>
    </message>
    <message>
        <source>Records this year</source>
        <translation>Récords de este año</translation>
    </message>
    <message>
        <source>Enter or double-click opens the case.</source>
        <translation>Intro o doble clic abre el caso.</translation>
    </message>
    <message>
        <source>Fastest fix: %1, %2, %3</source>
        <translation>Arreglo más rápido: %1, %2, %3</translation>
    </message>
    <message>
        <source>No case resolved yet this year.</source>
        <translation>Aún no se ha resuelto ningún caso este año.</translation>
    </message>
    <message>
        <source>The newest %1 cases; narrow the filters to see others.</source>
        <translation>Los %1 casos más recientes; acote los filtros para ver otros.</translation>
    </message>
    <message>
        <source>%1 cases. Enter or double-click opens one.</source>
        <translation>%1 casos. Intro o doble clic abre uno.</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>Exportar como PNG</translation>
    </message>
    <message>
        <source>Export as PDF</source>
        <translation>Exportar como PDF</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>No se pudo escribir %1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Del %1 al %2</translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <source>Public reply</source>
        <translation>Respuesta pública</translation>
    </message>
    <message>
        <source>Canned replies</source>
        <translation>Respuestas predefinidas</translation>
    </message>
    <message>
        <source>Start from one of the town&apos;s canned replies</source>
        <translation>Partir de una de las respuestas predefinidas del Ayuntamiento</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Texto de la respuesta</translation>
    </message>
    <message>
        <source>Write a public reply to the citizen (published on X)…</source>
        <translation>Escriba una respuesta pública al vecino (se publica en X)…</translation>
    </message>
    <message>
        <source>Why the reply was not sent</source>
        <translation>Por qué no se envió la respuesta</translation>
    </message>
    <message>
        <source>Characters left</source>
        <translation>Caracteres restantes</translation>
    </message>
    <message>
        <source>Canned replies…</source>
        <translation>Respuestas predefinidas…</translation>
    </message>
    <message>
        <source>This case was logged at the desk: there is no post to answer online.</source>
        <translation>Este caso se registró en el mostrador: no hay ninguna publicación que responder en línea.</translation>
    </message>
    <message>
        <source>Write a private reply to the citizen (sent on %1)…</source>
        <translation>Escriba una respuesta privada al vecino (se envía por %1)…</translation>
    </message>
    <message>
        <source>Write a public reply to the citizen (published on %1)…</source>
        <translation>Escriba una respuesta pública al vecino (se publica en %1)…</translation>
    </message>
    <message>
        <source>Send the reply on %1 (Ctrl+Return)</source>
        <translation>Enviar la respuesta en %1 (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Reply on %1</source>
        <translation>Respuesta en %1</translation>
    </message>
    <message>
        <source>Private reply to @%1 on %2</source>
        <translation>Respuesta privada a @%1 en %2</translation>
    </message>
    <message>
        <source>Public reply to @%1 on %2</source>
        <translation>Respuesta pública a @%1 en %2</translation>
    </message>
    <message>
        <source>the citizen</source>
        <translation>el vecino</translation>
    </message>
    <message>
        <source>Sending privately on %1 to %2… %3 s</source>
        <translation>Enviando en privado por %1 a %2… %3 s</translation>
    </message>
    <message>
        <source>Publishing on %1 to %2… %3 s</source>
        <translation>Publicando en %1 para %2… %3 s</translation>
    </message>
    <message>
        <source>Publishing as @%1 to %2… %3 s</source>
        <translation>Publicando como @%1 para %2… %3 s</translation>
    </message>
    <message>
        <source>Publishing as the town&apos;s account to %2… %3 s</source>
        <translation>Publicando con la cuenta del Ayuntamiento para %2… %3 s</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Enviar la respuesta</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Characters left, counted as %1 counts them</source>
        <translation>Caracteres restantes, contados como los cuenta %1</translation>
    </message>
    <message>
        <source>%1 characters left</source>
        <translation>Quedan %1 caracteres</translation>
    </message>
    <message>
        <source>Publish the reply on X (Ctrl+Return)</source>
        <translation>Publicar la respuesta en X (Ctrl+Intro)</translation>
    </message>
</context>
<context>
    <name>RerouteDialog</name>
    <message>
        <source>Re-route the case</source>
        <translation>Derivar el caso a otra área</translation>
    </message>
    <message>
        <source>Send it to</source>
        <translation>Enviarlo a</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Why (the desk that receives it sees this; triage learns from it)</source>
        <translation>Motivo (lo ve el puesto que lo recibe y la clasificación aprende de él)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>e.g. the fountain belongs to the street crew</source>
        <translation>p. ej., la fuente es cosa de la brigada de calles</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve the case</source>
        <translation>Resolver el caso</translation>
    </message>
    <message>
        <source>Publish a closing reply</source>
        <translation>Publicar una respuesta de cierre</translation>
    </message>
    <message>
        <source>Publish a closing reply where the citizen wrote</source>
        <translation>Publicar una respuesta de cierre donde escribió el vecino</translation>
    </message>
    <message>
        <source>Canned closing replies</source>
        <translation>Respuestas de cierre predefinidas</translation>
    </message>
    <message>
        <source>Start from one of the town&apos;s closing replies</source>
        <translation>Empezar con una de las respuestas de cierre del Ayuntamiento</translation>
    </message>
    <message>
        <source>Closing reply</source>
        <translation>Respuesta de cierre</translation>
    </message>
    <message>
        <source>e.g. Fixed, thank you for letting us know!</source>
        <translation>p. ej.: ¡Arreglado, gracias por avisar!</translation>
    </message>
    <message>
        <source>Photo of the work done (optional)</source>
        <translation>Foto del trabajo hecho (opcional)</translation>
    </message>
    <message>
        <source>The photo is published with the closing reply, so it needs one (JPEG, PNG, GIF or WEBP, at most 5 MB). It is also kept in the case&apos;s history.</source>
        <translation>La foto se publica con la respuesta de cierre, así que necesita una (JPEG, PNG, GIF o WEBP, de 5 MB como máximo). También se guarda en el historial del caso.</translation>
    </message>
    <message>
        <source>Closing replies…</source>
        <translation>Respuestas de cierre…</translation>
    </message>
    <message>
        <source>Photo of the work done</source>
        <translation>Foto del trabajo hecho</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
    <message>
        <source>%1 characters left</source>
        <translation>Quedan %1 caracteres</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Sin foto</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>Elegir foto…</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search all cases</source>
        <translation>Buscar en todos los casos</translation>
    </message>
    <message>
        <source>Search all cases: words, @handles (3 letters or more)</source>
        <translation>Buscar en todos los casos: palabras, @usuarios (3 letras o más)</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>Filter by priority</source>
        <translation>Filtrar por prioridad</translation>
    </message>
    <message>
        <source>Filter by role</source>
        <translation>Filtrar por área</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Filtrar por fecha</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Desde la fecha</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Hasta la fecha</translation>
    </message>
    <message>
        <source>Status: as the inbox</source>
        <translation>Estado: el de la bandeja</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abiertos</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Cualquier prioridad</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Este año</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Entre…</translation>
    </message>
    <message>
        <source>Any role</source>
        <translation>Cualquier área</translation>
    </message>
    <message>
        <source>Words: %1</source>
        <translation>Palabras: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <source>Every role</source>
        <translation>Todas las áreas</translation>
    </message>
    <message>
        <source>Asking X…</source>
        <translation>Consultando a X…</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Conectado como %1</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Sin conexión: %1</translation>
    </message>
    <message>
        <source>Choose at least one channel to read.</source>
        <translation>Elija al menos un canal para leer.</translation>
    </message>
    <message>
        <source>The secrets could not go to the keyring: %1</source>
        <translation>Los secretos no se han podido guardar en el llavero: %1</translation>
    </message>
    <message>
        <source>A desk needs at least one role.</source>
        <translation>Un puesto necesita al menos un área.</translation>
    </message>
    <message>
        <source>Role names are lowercase words joined by _ (police, street_cleaning): %1</source>
        <translation>Los nombres de área son palabras en minúscula unidas por _ (police, street_cleaning): %1</translation>
    </message>
    <message>
        <source>This is not an address JunDesk can use: %1</source>
        <translation>JunDesk no puede usar esta dirección: %1</translation>
    </message>
    <message>
        <source>The hub address holds a password: passwords go to the keyring (&apos;jundesk hub join&apos;), never into the settings.</source>
        <translation>La dirección del servidor central lleva una contraseña: las contraseñas van al llavero (&apos;jundesk hub join&apos;), nunca a los ajustes.</translation>
    </message>
    <message>
        <source>SLA targets are whole minutes: %1</source>
        <translation>Los plazos son minutos enteros: %1</translation>
    </message>
    <message>
        <source>%1 is out of range (%2 to %3).</source>
        <translation>%1 está fuera del margen (de %2 a %3).</translation>
    </message>
    <message>
        <source>This value is not accepted: %1</source>
        <translation>Este valor no se acepta: %1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Desk name</source>
        <translation>Nombre del puesto</translation>
    </message>
    <message>
        <source>e.g. police station</source>
        <translation>p. ej. jefatura de policía</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>who works here</source>
        <translation>quién trabaja aquí</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Áreas</translation>
    </message>
    <message>
        <source>police, street_cleaning</source>
        <translation>police, street_cleaning</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Roles, the account, the hub and the poll interval take effect when JunDesk starts again.</source>
        <translation>Las áreas, la cuenta, el servidor central y el intervalo de consulta se aplican al volver a abrir JunDesk.</translation>
    </message>
    <message>
        <source>X account</source>
        <translation>Cuenta de X</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Dirección de la API</translation>
    </message>
    <message>
        <source>empty: X&apos;s own</source>
        <translation>vacía: la de X</translation>
    </message>
    <message>
        <source>Poll every</source>
        <translation>Consultar cada</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Monthly read budget</source>
        <translation>Lecturas al mes</translation>
    </message>
    <message>
        <source> posts</source>
        <translation> mensajes</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar la conexión</translation>
    </message>
    <message>
        <source>Town hub</source>
        <translation>Servidor del pueblo</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>postgresql://desk@hub/town; empty: this desk alone</source>
        <translation>postgresql://puesto@servidor/pueblo; vacía: este puesto solo</translation>
    </message>
    <message>
        <source>The hub&apos;s password stays in the keyring (&apos;jundesk hub join&apos;), never here.</source>
        <translation>La contraseña del servidor se guarda en el llavero (&apos;jundesk hub join&apos;), nunca aquí.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Play a sound with notifications</source>
        <translation>Sonar con los avisos</translation>
    </message>
    <message>
        <source>Pop up for these priorities of my roles:</source>
        <translation>Avisar en pantalla de estas prioridades de mis áreas:</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baja</translation>
    </message>
    <message>
        <source>Repeat the escalation sound every</source>
        <translation>Repetir el sonido de escalado cada</translation>
    </message>
    <message>
        <source>Minutes to acknowledge (SLA targets); an urgent case past its target escalates:</source>
        <translation>Minutos para acusar recibo (plazos); un caso urgente fuera de plazo se escala:</translation>
    </message>
</context>
<context>
    <name>SlaDisplay</name>
    <message>
        <source>%1 left</source>
        <translation>en %1</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 tarde</translation>
    </message>
    <message>
        <source>Arrived %1.</source>
        <translation>Llegó a las %1.</translation>
    </message>
    <message>
        <source>Target: acknowledge %1 cases of %2 within %3.</source>
        <translation>Objetivo: acusar recibo de los casos %1 de %2 en %3.</translation>
    </message>
    <message>
        <source>Acknowledged: the timer has stopped.</source>
        <translation>Recibo acusado: el plazo se ha detenido.</translation>
    </message>
    <message>
        <source>Escalated: nobody acknowledged it in time.</source>
        <translation>Escalado: nadie acusó recibo a tiempo.</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <source>The database%1 can&apos;t be written: the file or its folder is read-only. Give your user write permission on both, then try again.</source>
        <translation>No se puede escribir en la base de datos%1: el archivo o su carpeta son de solo lectura. Dé permiso de escritura a su usuario en ambos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The disk holding the database%1 is full; nothing was saved. Free some space on it, then try again.</source>
        <translation>El disco de la base de datos%1 está lleno; no se guardó nada. Libere espacio en él y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The database%1 stayed locked by another program for too long; nothing was saved. Close other copies of JunDesk using the same file, then try again.</source>
        <translation>Otro programa mantuvo bloqueada la base de datos%1 demasiado tiempo; no se guardó nada. Cierre las otras copias de JunDesk que usan el mismo archivo y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The file%1 is not a JunDesk database or is damaged. Restore it from a backup.</source>
        <translation>El archivo%1 no es una base de datos de JunDesk o está dañado. Restáurelo desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>The database%1 can&apos;t be opened. Check that the folder exists, that your user may write to it, and that the disk is mounted.</source>
        <translation>No se puede abrir la base de datos%1. Compruebe que la carpeta existe, que su usuario puede escribir en ella y que el disco está montado.</translation>
    </message>
    <message>
        <source>Reading or writing the database%1 failed at the disk; nothing was saved. Check the disk (or network drive), then try again.</source>
        <translation>Falló el disco al leer o escribir la base de datos%1; no se guardó nada. Revise el disco (o la unidad de red) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>There is no JunDesk database%1; nothing was created.</source>
        <translation>No hay ninguna base de datos de JunDesk%1; no se creó nada.</translation>
    </message>
    <message>
        <source>The database%1 was written by a newer version of JunDesk; this one can&apos;t read it and left it untouched. Update JunDesk, then try again.</source>
        <translation>La base de datos%1 la escribió una versión más nueva de JunDesk; esta no puede leerla y no la ha tocado. Actualice JunDesk y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The database%1 was written by an older version of JunDesk and needs upgrading: close JunDesk and open it again.</source>
        <translation>La base de datos%1 la escribió una versión anterior de JunDesk y hay que actualizarla: cierre JunDesk y ábralo de nuevo.</translation>
    </message>
    <message>
        <source>A search needs at least 3 letters or digits; nothing was searched. Type more of the word.</source>
        <translation>Una búsqueda necesita al menos 3 letras o cifras; no se buscó nada. Escriba más de la palabra.</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show JunDesk</source>
        <translation>Mostrar JunDesk</translation>
    </message>
    <message>
        <source>Duty and notifications…</source>
        <translation>Servicio y avisos…</translation>
    </message>
    <message>
        <source>Quit JunDesk</source>
        <translation>Salir de JunDesk</translation>
    </message>
    <message>
        <source>JunDesk: off duty until %s</source>
        <translation>JunDesk: fuera de servicio hasta %s</translation>
    </message>
    <message>
        <source>JunDesk: off duty, notifications are silenced</source>
        <translation>JunDesk: fuera de servicio, avisos silenciados</translation>
    </message>
    <message numerus="yes">
        <source>JunDesk: %n urgent case(s) not acknowledged in time</source>
        <translation>
            <numerusform>JunDesk: %n caso urgente sin acusar recibo a tiempo</numerusform>
            <numerusform>JunDesk: %n casos urgentes sin acusar recibo a tiempo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>JunDesk: %n urgent case(s) not seen yet</source>
        <translation>
            <numerusform>JunDesk: %n caso urgente sin ver</numerusform>
            <numerusform>JunDesk: %n casos urgentes sin ver</numerusform>
        </translation>
    </message>
    <message>
        <source>JunDesk: on duty</source>
        <translation>JunDesk: de servicio</translation>
    </message>
</context>
<context>
    <name>WeeklySummaryDialog</name>
    <message>
        <source>Weekly summary</source>
        <translation>Resumen semanal</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Semana del %1</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Semana</translation>
    </message>
    <message>
        <source>&amp;Language of the post</source>
        <translation>&amp;Idioma de la publicación</translation>
    </message>
    <message>
        <source>The post</source>
        <translation>La publicación</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Publish on the town&apos;s account</source>
        <translation>&amp;Publicar en la cuenta del ayuntamiento</translation>
    </message>
    <message>
        <source>Drafting…</source>
        <translation>Redactando…</translation>
    </message>
    <message>
        <source>%1 characters left</source>
        <translation>Quedan %1 caracteres</translation>
    </message>
    <message>
        <source>Not published.</source>
        <translation>No se ha publicado.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publicando…</translation>
    </message>
    <message>
        <source>the town&apos;s account</source>
        <translation>la cuenta del ayuntamiento</translation>
    </message>
    <message>
        <source>Publishing as %1 in %2 s</source>
        <translation>Se publica como %1 en %2 s</translation>
    </message>
    <message>
        <source>Published.</source>
        <translation>Publicado.</translation>
    </message>
</context>
</TS>
