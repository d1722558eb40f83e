<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Attendance</name>
    <message>
        <source>Expected</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Arrived late</source>
        <translation>Llegó tarde</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>Se fue antes</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Canceló</translation>
    </message>
</context>
<context>
    <name>CheckInCardWidget</name>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Canceló</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>Se fue</translation>
    </message>
    <message>
        <source>Drop-in</source>
        <translation>Ocasional</translation>
    </message>
    <message>
        <source>No screening flags</source>
        <translation>Sin alertas de la evaluación</translation>
    </message>
    <message>
        <source>Comment: escort, how they arrived, anything to know</source>
        <translation>Comentario: acompañante, cómo llegó, otros avisos</translation>
    </message>
    <message>
        <source>Check-in comment for {name}</source>
        <translation>Comentario de llegada de {name}</translation>
    </message>
    <message>
        <source>Intention for today, in their words</source>
        <translation>Intención para hoy, en sus propias palabras</translation>
    </message>
    <message>
        <source>Intention of {name}</source>
        <translation>Intención de {name}</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Enter {scale}</source>
        <translation>Anotar {scale}</translation>
    </message>
    <message>
        <source>Edit {scale} for {name}</source>
        <translation>Editar {scale} de {name}</translation>
    </message>
    <message>
        <source>Enter {scale} for {name}</source>
        <translation>Anotar {scale} de {name}</translation>
    </message>
    <message>
        <source>PHQ-9 item 9: {answer} — clinician follow-up</source>
        <translation>PHQ-9 pregunta 9: {answer} — seguimiento clínico</translation>
    </message>
    <message>
        <source>Arrived {time}</source>
        <translation>Llegada {time}</translation>
    </message>
    <message>
        <source>left {time}</source>
        <translation>salida {time}</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Pendiente</translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <source>closed cohort</source>
        <translation>grupo cerrado</translation>
    </message>
    <message>
        <source>open group</source>
        <translation>grupo abierto</translation>
    </message>
    <message>
        <source>ad-hoc session</source>
        <translation>sesión puntual</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Registro de llegada</translation>
    </message>
    <message>
        <source>Session to check in</source>
        <translation>Sesión en la que registrar llegadas</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>A clinician must speak with them before dosing, following the clinic&apos;s safety protocol.</source>
        <translation>Un clínico debe hablar con la persona antes de la dosis, según el protocolo de seguridad de la clínica.</translation>
    </message>
    <message>
        <source>Add drop-in…</source>
        <translation>Agregar participante ocasional…</translation>
    </message>
    <message>
        <source>Closed cohort: no drop-ins</source>
        <translation>Grupo cerrado: sin participantes ocasionales</translation>
    </message>
    <message>
        <source>No session to check in</source>
        <translation>No hay ninguna sesión en la que registrar llegadas</translation>
    </message>
    <message>
        <source>Running sessions and those planned for the next two weeks can be checked in here.</source>
        <translation>Aquí se registran las llegadas de las sesiones en curso y de las previstas para las próximas dos semanas.</translation>
    </message>
    <message>
        <source>Go to Session setup</source>
        <translation>Ir a Preparar sesión</translation>
    </message>
    <message>
        <source>The sessions could not be loaded from the database; try again in a moment.</source>
        <translation>No se pudieron cargar las sesiones de la base de datos; vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Session {number}</source>
        <translation>Sesión {number}</translation>
    </message>
    <message>
        <source>This session is over: its check-in is kept as it was and can no longer change.</source>
        <translation>Esta sesión terminó: su registro de llegadas se conserva tal como quedó y ya no puede cambiar.</translation>
    </message>
    <message>
        <source>No one is expected yet: add members to the group, or add a drop-in.</source>
        <translation>Todavía no se espera a nadie: agregue miembros al grupo o un participante ocasional.</translation>
    </message>
    <message>
        <source>{here} of {listed} here</source>
        <translation>{here} de {listed} presentes</translation>
    </message>
    <message>
        <source>1 drop-in</source>
        <translation>1 ocasional</translation>
    </message>
    <message>
        <source>{count} drop-ins</source>
        <translation>{count} ocasionales</translation>
    </message>
    <message>
        <source>Clinician follow-up: PHQ-9 item 9 answered above 0 by {names}</source>
        <translation>Seguimiento clínico: pregunta 9 del PHQ-9 respondida por encima de 0 por {names}</translation>
    </message>
    <message>
        <source>{name} is checked in as a drop-in.</source>
        <translation>Se registró la llegada de {name} como participante ocasional.</translation>
    </message>
</context>
<context>
    <name>CircleScreen</name>
    <message>
        <source>Back to the runner</source>
        <translation>Volver a la sesión en vivo</translation>
    </message>
    <message>
        <source>No circle right now</source>
        <translation>Ahora no hay ningún círculo</translation>
    </message>
    <message>
        <source>Circle mode opens while a session runs, during a sharing phase.</source>
        <translation>El modo círculo se abre durante una sesión en curso, en una fase para compartir.</translation>
    </message>
    <message>
        <source>Go to the runner</source>
        <translation>Ir a la sesión en vivo</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>Mezclar</translation>
    </message>
    <message>
        <source>Speaks now</source>
        <translation>Habla ahora</translation>
    </message>
    <message>
        <source>Popcorn: give the word to the one chosen in the list (Enter)</source>
        <translation>Orden libre: dar la palabra a quien se elija en la lista (Enter)</translation>
    </message>
    <message>
        <source>Drag, or Ctrl+Up/Down, to change the order; Enter gives the word.</source>
        <translation>Arrastre, o use Ctrl+Arriba/Abajo, para cambiar el orden; Enter da la palabra.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pasa</translation>
    </message>
    <message>
        <source>Come back later</source>
        <translation>Más tarde</translation>
    </message>
    <message>
        <source>End share</source>
        <translation>Terminar turno</translation>
    </message>
    <message>
        <source>Second round</source>
        <translation>Segunda ronda</translation>
    </message>
    <message>
        <source>How long each has spoken this session; on this screen only.</source>
        <translation>Cuánto ha hablado cada persona en esta sesión; solo en esta pantalla.</translation>
    </message>
    <message>
        <source>Airtime</source>
        <translation>Tiempo de palabra</translation>
    </message>
    <message>
        <source>Circle mode</source>
        <translation>Modo círculo</translation>
    </message>
    <message>
        <source>Shortcut: {0}</source>
        <translation>Atajo: {0}</translation>
    </message>
    <message>
        <source>{0}  ·  {1}  ·  round {2}</source>
        <translation>{0}  ·  {1}  ·  ronda {2}</translation>
    </message>
    <message>
        <source>Round {0}  ·  speaking now</source>
        <translation>Ronda {0}  ·  hablando ahora</translation>
    </message>
    <message>
        <source>Round {0}</source>
        <translation>Ronda {0}</translation>
    </message>
    <message>
        <source>Everyone has had their turn</source>
        <translation>Todos han tenido su turno</translation>
    </message>
    <message>
        <source>Nobody is speaking</source>
        <translation>Nadie está hablando</translation>
    </message>
    <message>
        <source>soft limit {0} min</source>
        <translation>límite suave {0} min</translation>
    </message>
    <message>
        <source>Past the soft limit: no hurry, a gentle wrap-up when it fits.</source>
        <translation>Pasado el límite suave: sin prisa, un cierre amable cuando encaje.</translation>
    </message>
    <message>
        <source>N gives the word to {0}.</source>
        <translation>N da la palabra a {0}.</translation>
    </message>
    <message>
        <source>S opens a second round.</source>
        <translation>S abre una segunda ronda.</translation>
    </message>
    <message>
        <source>Next: {0}</source>
        <translation>Siguiente: {0}</translation>
    </message>
    <message>
        <source>Next: nobody waiting</source>
        <translation>Siguiente: nadie en espera</translation>
    </message>
    <message>
        <source>Passed: {0}</source>
        <translation>Pasaron: {0}</translation>
    </message>
    <message>
        <source>Note for {0}  ·  round {1}</source>
        <translation>Nota de {0}  ·  ronda {1}</translation>
    </message>
    <message>
        <source>Note for this share</source>
        <translation>Nota de este turno</translation>
    </message>
    <message>
        <source>{0}&apos;s note is signed, so this went under it as an addendum.</source>
        <translation>La nota de {0} está firmada, así que esto se agregó debajo como adenda.</translation>
    </message>
    <message>
        <source>Saved in {0}&apos;s note.</source>
        <translation>Guardado en la nota de {0}.</translation>
    </message>
    <message>
        <source>The database did not answer; nothing typed was lost. Try again.</source>
        <translation>La base de datos no respondió; no se perdió nada de lo escrito. Vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Time this share has lasted</source>
        <translation>Tiempo que lleva este turno</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Soft limit per share, in minutes</source>
        <translation>Límite suave por turno, en minutos</translation>
    </message>
    <message>
        <source>Soft chime at the limit</source>
        <translation>Aviso suave al llegar al límite</translation>
    </message>
    <message>
        <source>Soft limit per share</source>
        <translation>Límite suave por turno</translation>
    </message>
    <message>
        <source>What they shared: it lands in their own note, stamped with the time and round  (Ctrl+Enter saves)</source>
        <translation>Lo que compartió: va a su nota  (Ctrl+Enter guarda)</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Guardar nota</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>pasó</translation>
    </message>
    <message>
        <source>speaking</source>
        <translation>hablando</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>Speaking order</source>
        <translation>Orden de palabra</translation>
    </message>
    <message>
        <source>New theme, then Enter</source>
        <translation>Tema nuevo y Enter</translation>
    </message>
    <message>
        <source>New theme tag</source>
        <translation>Etiqueta de tema nueva</translation>
    </message>
    <message>
        <source>Theme {0}</source>
        <translation>Tema {0}</translation>
    </message>
    <message>
        <source>Airtime of {0}</source>
        <translation>Tiempo de palabra de {0}</translation>
    </message>
</context>
<context>
    <name>ControlsBar</name>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Next phase</source>
        <translation>Siguiente fase</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>Alargar…</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>Terminar…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
</context>
<context>
    <name>Discharge</name>
    <message>
        <source>Minimum observation elapsed</source>
        <translation>Tiempo mínimo de observación cumplido</translation>
    </message>
    <message>
        <source>Last vitals within limits</source>
        <translation>Últimos signos vitales dentro de los límites</translation>
    </message>
    <message>
        <source>Alert and oriented</source>
        <translation>Alerta y orientado/a</translation>
    </message>
    <message>
        <source>No active nausea or vomiting</source>
        <translation>Sin náuseas ni vómitos activos</translation>
    </message>
    <message>
        <source>Escort present</source>
        <translation>Acompañante presente</translation>
    </message>
    <message>
        <source>No driving until tomorrow acknowledged</source>
        <translation>Entendió que no debe manejar hasta mañana</translation>
    </message>
    <message>
        <source>&quot;Would have been ready at&quot; recorded</source>
        <translation>Anotado «habría estado listo/a a las»</translation>
    </message>
    <message>
        <source>Confirm the participant is alert and oriented.</source>
        <translation>Confirme que la persona está alerta y orientada.</translation>
    </message>
    <message>
        <source>Confirm there is no active nausea or vomiting.</source>
        <translation>Confirme que no hay náuseas ni vómitos activos.</translation>
    </message>
    <message>
        <source>Confirm the escort is present.</source>
        <translation>Confirme que el acompañante está presente.</translation>
    </message>
    <message>
        <source>Confirm the participant acknowledged no driving until tomorrow after restful sleep.</source>
        <translation>Confirme que la persona entendió que no debe manejar hasta mañana, después de dormir bien.</translation>
    </message>
    <message>
        <source>Sedation was recorded after alert and oriented was ticked; check again.</source>
        <translation>Se anotó sedación después de marcar alerta y orientada; vuelva a comprobarlo.</translation>
    </message>
    <message>
        <source>Nausea or vomiting was recorded after it was ticked as settled; check again.</source>
        <translation>Se anotaron náuseas o vómitos después de marcarlos como resueltos; vuelva a comprobarlo.</translation>
    </message>
    <message>
        <source>No vitals have been recorded for this participant.</source>
        <translation>No se han anotado signos vitales de esta persona.</translation>
    </message>
    <message>
        <source>No vitals have been taken since the last dose.</source>
        <translation>No se han tomado signos vitales desde la última dosis.</translation>
    </message>
    <message>
        <source>Take the vitals before discharge.</source>
        <translation>Tome los signos vitales antes del alta.</translation>
    </message>
    <message>
        <source>Record the escort&apos;s name.</source>
        <translation>Anote el nombre del acompañante.</translation>
    </message>
    <message>
        <source>Record when the participant would have been ready to leave without the minimum observation.</source>
        <translation>Anote cuándo habría podido irse la persona sin contar la observación mínima.</translation>
    </message>
    <message>
        <source>The {total}-minute minimum observation after the last dose has 1 minute left.</source>
        <translation>A la observación mínima de {total} minutos tras la última dosis le queda 1 minuto.</translation>
    </message>
    <message>
        <source>The {total}-minute minimum observation after the last dose has {left} minutes left.</source>
        <translation>A la observación mínima de {total} minutos tras la última dosis le quedan {left} minutos.</translation>
    </message>
    <message>
        <source>The last vitals are not within limits. {detail}</source>
        <translation>Los últimos signos vitales no están dentro de los límites. {detail}</translation>
    </message>
</context>
<context>
    <name>DischargeDialog</name>
    <message>
        <source>Only a clinician can discharge someone who is not ready; ask one to sign in here.</source>
        <translation>Solo un clínico puede dar el alta a alguien que no está listo; pida a uno que inicie sesión aquí.</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Who takes them home</source>
        <translation>Quién lo/la lleva a casa</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>Acompañante</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Anotar</translation>
    </message>
    <message>
        <source>Would have been ready at</source>
        <translation>Habría estado listo/a a las</translation>
    </message>
    <message>
        <source>Why discharge before every item holds (recorded with your name)</source>
        <translation>Por qué dar el alta antes de que se cumpla todo (se anota con su nombre)</translation>
    </message>
    <message>
        <source>Ready for discharge.</source>
        <translation>Puede recibir el alta.</translation>
    </message>
    <message>
        <source>Not ready: {reasons}</source>
        <translation>Aún no: {reasons}</translation>
    </message>
    <message>
        <source>Discharge with override</source>
        <translation>Dar el alta con autorización</translation>
    </message>
</context>
<context>
    <name>DoseDialog</name>
    <message>
        <source>A clinician must override this hold: ask one to sign in here, or wait and recheck the vitals.</source>
        <translation>Un clínico debe autorizar por encima de esta retención: pida a uno que inicie sesión aquí, o espere y vuelva a tomar los signos vitales.</translation>
    </message>
    <message>
        <source>Sublingual</source>
        <translation>Sublingual</translation>
    </message>
    <message>
        <source>Intramuscular</source>
        <translation>Intramuscular</translation>
    </message>
    <message>
        <source>Intravenous</source>
        <translation>Intravenosa</translation>
    </message>
    <message>
        <source>Intranasal</source>
        <translation>Intranasal</translation>
    </message>
    <message>
        <source>Oral</source>
        <translation>Oral</translation>
    </message>
    <message>
        <source>Record a dose</source>
        <translation>Anotar una dosis</translation>
    </message>
    <message>
        <source>This is a booster</source>
        <translation>Es un refuerzo</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>Medicamento</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Vía</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Given at</source>
        <translation>Hora de administración</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Número de lote</translation>
    </message>
    <message>
        <source>Why dose over the hold (recorded with your name)</source>
        <translation>Por qué administrar pese a la retención (se anota con su nombre)</translation>
    </message>
    <message>
        <source>On hold: {reasons}</source>
        <translation>En espera: {reasons}</translation>
    </message>
    <message>
        <source>The override was not accepted.</source>
        <translation>No se aceptó la autorización.</translation>
    </message>
    <message>
        <source>Dose with override</source>
        <translation>Administrar con autorización</translation>
    </message>
</context>
<context>
    <name>ExtendBar</name>
    <message>
        <source>Extend this phase by</source>
        <translation>Alargar esta fase</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Alargar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Minutes to add</source>
        <translation>Minutos para agregar</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>Iniciar sesión con otra cuenta</translation>
    </message>
    <message>
        <source>the signed-in user</source>
        <translation>la cuenta con la sesión iniciada</translation>
    </message>
    <message>
        <source>Signed in as {name}. Records are hidden until you unlock; a running session keeps its timers, chimes and room display.</source>
        <translation>Sesión iniciada como {name}. Los registros quedan ocultos hasta que desbloquee; una sesión en curso mantiene sus relojes, avisos sonoros y la pantalla de la sala.</translation>
    </message>
    <message>
        <source>Enter the password to unlock.</source>
        <translation>Escriba la contraseña para desbloquear.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open database: {name}</source>
        <translation>Base de datos abierta: {name}</translation>
    </message>
    <message>
        <source>Not encrypted on this laptop</source>
        <translation>Sin cifrar en esta computadora</translation>
    </message>
    <message>
        <source>An administrator can encrypt the records when signing in.</source>
        <translation>Un administrador puede cifrar los registros al iniciar sesión.</translation>
    </message>
    <message>
        <source>Time now</source>
        <translation>Hora actual</translation>
    </message>
</context>
<context>
    <name>Monitoring</name>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Caution</source>
        <translation>Precaución</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Pre-dose</source>
        <translation>Antes de la dosis</translation>
    </message>
    <message>
        <source>Before discharge</source>
        <translation>Antes del alta</translation>
    </message>
    <message>
        <source>Hypertension</source>
        <translation>Hipertensión</translation>
    </message>
    <message>
        <source>Cardiac</source>
        <translation>Cardiaco</translation>
    </message>
    <message>
        <source>Psychosis history</source>
        <translation>Antecedentes de psicosis</translation>
    </message>
    <message>
        <source>Pregnancy</source>
        <translation>Embarazo</translation>
    </message>
    <message>
        <source>Substance use</source>
        <translation>Consumo de sustancias</translation>
    </message>
    <message>
        <source>Nausea</source>
        <translation>Náuseas</translation>
    </message>
    <message>
        <source>Vomiting</source>
        <translation>Vómitos</translation>
    </message>
    <message>
        <source>Dissociation</source>
        <translation>Disociación</translation>
    </message>
    <message>
        <source>Anxiety/distress</source>
        <translation>Ansiedad/angustia</translation>
    </message>
    <message>
        <source>Sedation</source>
        <translation>Sedación</translation>
    </message>
    <message>
        <source>Dizziness</source>
        <translation>Mareo</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>media</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>No dose yet</source>
        <translation>Aún sin dosis</translation>
    </message>
    <message>
        <source>Dose {time}</source>
        <translation>Dosis {time}</translation>
    </message>
    <message>
        <source>booster {time}</source>
        <translation>refuerzo {time}</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>hace {minutes} min</translation>
    </message>
    <message>
        <source>No vitals yet</source>
        <translation>Aún sin signos vitales</translation>
    </message>
    <message>
        <source>{reading} at {time}</source>
        <translation>{reading}  ·  {time}</translation>
    </message>
    <message>
        <source>HR {rate}</source>
        <translation>FC {rate}</translation>
    </message>
    <message>
        <source>Discharged {time}</source>
        <translation>Alta {time}</translation>
    </message>
    <message>
        <source>No more vitals scheduled</source>
        <translation>No quedan signos vitales programados</translation>
    </message>
    <message>
        <source>{label} vitals due before the dose</source>
        <translation>Signos vitales {label}: antes de la dosis</translation>
    </message>
    <message>
        <source>Overdue {minutes} min  ·  {label} vitals were due {time}</source>
        <translation>Atrasados {minutes} min  ·  signos vitales {label} previstos {time}</translation>
    </message>
    <message>
        <source>{label} vitals due now</source>
        <translation>Signos vitales {label}: ahora</translation>
    </message>
    <message>
        <source>Next vitals {label} in {countdown}  ·  {time}</source>
        <translation>Próximos signos vitales {label} en {countdown}  ·  {time}</translation>
    </message>
    <message>
        <source>Ready for discharge</source>
        <translation>Puede recibir el alta</translation>
    </message>
    <message>
        <source>Observation until {time}</source>
        <translation>Observación hasta {time}</translation>
    </message>
</context>
<context>
    <name>MonitoringDialog</name>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
</context>
<context>
    <name>MonitoringFeed</name>
    <message>
        <source>No session is open.</source>
        <translation>No hay ninguna sesión abierta.</translation>
    </message>
    <message>
        <source>The database did not answer; nothing was saved. Try again.</source>
        <translation>La base de datos no respondió; no se guardó nada. Vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>MonitoringPanel</name>
    <message>
        <source>Vitals  142/88 76 98  then Enter</source>
        <translation>Signos  142/88 76 98  y Enter</translation>
    </message>
    <message>
        <source>Vitals: blood pressure, heart rate, SpO2</source>
        <translation>Signos vitales: presión arterial, frecuencia cardiaca, SpO2</translation>
    </message>
    <message>
        <source>Dose…</source>
        <translation>Dosis…</translation>
    </message>
    <message>
        <source>Observation…</source>
        <translation>Observación…</translation>
    </message>
    <message>
        <source>Discharge…</source>
        <translation>Alta…</translation>
    </message>
    <message>
        <source>No vitals</source>
        <translation>Sin signos</translation>
    </message>
    <message>
        <source>Nothing recorded yet</source>
        <translation>Aún no hay registros</translation>
    </message>
    <message>
        <source>Within the protocol&apos;s limits</source>
        <translation>Dentro de los límites del protocolo</translation>
    </message>
    <message>
        <source>Screening: {flags}</source>
        <translation>Evaluación: {flags}</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>In session</source>
        <translation>En sesión</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Running and upcoming sessions at a glance.</source>
        <translation>Sesiones en curso y próximas, de un vistazo.</translation>
    </message>
    <message>
        <source>Session setup</source>
        <translation>Preparar sesión</translation>
    </message>
    <message>
        <source>Choose the group and protocol, check people in and note their intentions.</source>
        <translation>Elegir el grupo y el protocolo, registrar llegadas y anotar intenciones.</translation>
    </message>
    <message>
        <source>Runner</source>
        <translation>Sesión en vivo</translation>
    </message>
    <message>
        <source>The phase timer, a card per participant and a quick note line, keyboard first.</source>
        <translation>El reloj de fases, una tarjeta por participante y una línea de notas rápidas, con atajos de teclado.</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoreo</translation>
    </message>
    <message>
        <source>Doses, blood pressure, side effects and discharge readiness for each participant.</source>
        <translation>Dosis, presión arterial, efectos secundarios y preparación para el alta de cada participante.</translation>
    </message>
    <message>
        <source>Circle mode</source>
        <translation>Modo círculo</translation>
    </message>
    <message>
        <source>Speaking order, a gentle share timer, airtime and a note for each share.</source>
        <translation>Orden de palabra, un temporizador suave, tiempo de palabra y una nota por intervención.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>The group note and a note per participant, saved as you type and signed when done.</source>
        <translation>La nota del grupo y una nota por participante, guardadas mientras escribe y firmadas al terminar.</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>Cohorts, their members over time, facilitators and meeting times.</source>
        <translation>Grupos, sus miembros a lo largo del tiempo, facilitadores y horarios.</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <source>The roster, each person&apos;s profile, screening, history and progress charts.</source>
        <translation>La lista, el perfil de cada persona, evaluación, historial y gráficas de progreso.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Every past session with its attendance, timings and notes.</source>
        <translation>Todas las sesiones pasadas, con asistencia, tiempos y notas.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Find words across notes, intentions and quick notes from every session.</source>
        <translation>Buscar palabras en notas, intenciones y notas rápidas de todas las sesiones.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>Session summaries, handouts and progress reports to preview and print.</source>
        <translation>Resúmenes de sesión, hojas para participantes e informes de progreso para ver e imprimir.</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>Protocolos</translation>
    </message>
    <message>
        <source>Session templates: phases, timings, prompts, vitals schedule and thresholds.</source>
        <translation>Plantillas de sesión: fases, tiempos, indicaciones, horario de signos vitales y límites.</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventario</translation>
    </message>
    <message>
        <source>Controlled-substance lots, dispensing, witnessed waste and reconciliation.</source>
        <translation>Lotes de sustancias controladas, dispensación, desecho con testigo y conciliación.</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <source>Who did what and when, with a tamper-evident chain.</source>
        <translation>Quién hizo qué y cuándo, con una cadena que delata cualquier alteración.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Appearance, sound and screen lock for this laptop.</source>
        <translation>Apariencia, sonido y bloqueo de pantalla de esta computadora.</translation>
    </message>
    <message>
        <source>Room display</source>
        <translation>Pantalla de la sala</translation>
    </message>
    <message>
        <source>A calm second screen for the room: phase name, gentle progress and time left, no names.</source>
        <translation>Una segunda pantalla tranquila para la sala: nombre de la fase, progreso suave y tiempo restante, sin nombres.</translation>
    </message>
    <message>
        <source>Session record</source>
        <translation>Registro de la sesión</translation>
    </message>
    <message>
        <source>A past session&apos;s timings, planned against actual for each phase, and its quick notes.</source>
        <translation>Los tiempos de una sesión pasada, previstos frente a reales por fase, y sus notas rápidas.</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Registro de llegada</translation>
    </message>
    <message>
        <source>Who is here, their intentions, drop-ins, and the GAD-7 and PHQ-9 before the session.</source>
        <translation>Quién llegó, sus intenciones, participantes ocasionales, y el GAD-7 y el PHQ-9 antes de la sesión.</translation>
    </message>
</context>
<context>
    <name>NextPhasePanel</name>
    <message>
        <source>NOW</source>
        <translation>AHORA</translation>
    </message>
    <message>
        <source>NEXT</source>
        <translation>DESPUÉS</translation>
    </message>
    <message>
        <source>Last phase</source>
        <translation>Última fase</translation>
    </message>
    <message>
        <source>Nothing further</source>
        <translation>No hay más</translation>
    </message>
    <message>
        <source>Finish the session when the group is ready.</source>
        <translation>Termine la sesión cuando el grupo esté listo.</translation>
    </message>
    <message>
        <source>about {time}</source>
        <translation>aprox. {time}</translation>
    </message>
</context>
<context>
    <name>ObservationDialog</name>
    <message>
        <source>Record an observation</source>
        <translation>Anotar una observación</translation>
    </message>
    <message>
        <source>0 no response · 5 responds readily to name</source>
        <translation>0 sin respuesta · 5 responde enseguida a su nombre</translation>
    </message>
    <message>
        <source>What was seen (optional, needed for Other)</source>
        <translation>Qué se observó (opcional; necesario para Otro)</translation>
    </message>
    <message>
        <source>What was done (optional)</source>
        <translation>Qué se hizo (opcional)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Intensidad</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Observado</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>Medida tomada</translation>
    </message>
</context>
<context>
    <name>ParticipantCardWidget</name>
    <message>
        <source>No dose or vitals recorded yet</source>
        <translation>Aún sin dosis ni signos vitales</translation>
    </message>
    <message>
        <source>No intention noted yet</source>
        <translation>Aún sin intención anotada</translation>
    </message>
</context>
<context>
    <name>PhaseClock</name>
    <message>
        <source>Time left in this phase</source>
        <translation>Tiempo restante de esta fase</translation>
    </message>
    <message>
        <source>PHASE {number} OF {count}</source>
        <translation>FASE {number} DE {count}</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Over the plan</source>
        <translation>Más de lo previsto</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Sin empezar</translation>
    </message>
    <message>
        <source>{minutes} planned</source>
        <translation>{minutes} previstos</translation>
    </message>
    <message>
        <source>from {time}</source>
        <translation>desde {time}</translation>
    </message>
    <message>
        <source>{elapsed} of {planned}</source>
        <translation>{elapsed} de {planned}</translation>
    </message>
    <message>
        <source>extended by {minutes} min</source>
        <translation>alargada {minutes} min</translation>
    </message>
    <message>
        <source>ends about {time}</source>
        <translation>termina aprox. {time}</translation>
    </message>
    <message>
        <source>Session finished</source>
        <translation>Sesión terminada</translation>
    </message>
    <message>
        <source>No phases</source>
        <translation>Sin fases</translation>
    </message>
    <message>
        <source>Total time of the session</source>
        <translation>Duración total de la sesión</translation>
    </message>
</context>
<context>
    <name>PhaseTimeline</name>
    <message>
        <source>on time</source>
        <translation>a tiempo</translation>
    </message>
    <message>
        <source>{elapsed} of {planned}</source>
        <translation>{elapsed} de {planned}</translation>
    </message>
    <message>
        <source>skipped after {elapsed}</source>
        <translation>saltada tras {elapsed}</translation>
    </message>
    <message>
        <source>now  ·  {elapsed} of {planned}</source>
        <translation>ahora  ·  {elapsed} de {planned}</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>no realizada</translation>
    </message>
</context>
<context>
    <name>QuickNoteLine</name>
    <message>
        <source>Quick note, stamped with the time and phase  (Ctrl+Enter)</source>
        <translation>Nota rápida, con la hora y la fase  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Quick note</source>
        <translation>Nota rápida</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Agregar nota</translation>
    </message>
</context>
<context>
    <name>QuickNoteList</name>
    <message>
        <source>Notes you add during the session appear here.</source>
        <translation>Las notas que agregue durante la sesión aparecen aquí.</translation>
    </message>
    <message>
        <source>{count} earlier notes are in the session&apos;s record.</source>
        <translation>Otras {count} notas anteriores están en el registro de la sesión.</translation>
    </message>
</context>
<context>
    <name>RoomControls</name>
    <message>
        <source>A line for the room, e.g. Take your time returning</source>
        <translation>Una frase para la sala, p. ej. Regresen a su ritmo</translation>
    </message>
    <message>
        <source>Line shown on the room display</source>
        <translation>Frase que se muestra en la pantalla de la sala</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Phase, calm progress and time left for the room; never a name.</source>
        <translation>Fase, progreso tranquilo y tiempo restante para la sala; nunca un nombre.</translation>
    </message>
    <message>
        <source>Close the room display</source>
        <translation>Cerrar la pantalla de la sala</translation>
    </message>
    <message>
        <source>Open the room display</source>
        <translation>Abrir la pantalla de la sala</translation>
    </message>
</context>
<context>
    <name>RoomDisplay</name>
    <message>
        <source>Room display</source>
        <translation>Pantalla de la sala</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>Gracias</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>starting soon</source>
        <translation>empezamos pronto</translation>
    </message>
    <message>
        <source>taking a little longer</source>
        <translation>un poco más de tiempo</translation>
    </message>
    <message>
        <source>remaining</source>
        <translation>restantes</translation>
    </message>
    <message>
        <source>Integration circle — round {0}</source>
        <translation>Círculo de integración — ronda {0}</translation>
    </message>
</context>
<context>
    <name>RunnerControls</name>
    <message>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>Atajo: {key}</translation>
    </message>
</context>
<context>
    <name>RunnerScreen</name>
    <message>
        <source>Runner</source>
        <translation>Sesión en vivo</translation>
    </message>
    <message>
        <source>No session is running</source>
        <translation>No hay ninguna sesión en curso</translation>
    </message>
    <message>
        <source>Start a planned session from Session setup; its runner opens here.</source>
        <translation>Inicie una sesión prevista desde Preparar sesión y se abrirá aquí.</translation>
    </message>
    <message>
        <source>Go to Session setup</source>
        <translation>Ir a Preparar sesión</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Empezar la sesión</translation>
    </message>
    <message>
        <source>This session has finished. Its timings and notes are kept in its record.</source>
        <translation>Esta sesión terminó. Sus tiempos y notas se conservan en su registro.</translation>
    </message>
    <message>
        <source>View the session&apos;s record</source>
        <translation>Ver el registro de la sesión</translation>
    </message>
    <message>
        <source>Open circle mode  C</source>
        <translation>Abrir el modo círculo  C</translation>
    </message>
    <message>
        <source>Open circle mode (C)</source>
        <translation>Abrir el modo círculo (C)</translation>
    </message>
    <message>
        <source>Shortcut: C</source>
        <translation>Atajo: C</translation>
    </message>
    <message>
        <source>A sharing phase: speaking order, a soft share timer and a note per share.</source>
        <translation>Una fase para compartir: orden de palabra, un temporizador suave y una nota por turno.</translation>
    </message>
    <message>
        <source>Finish the session now? Phases not reached are kept as not run.</source>
        <translation>¿Terminar la sesión ahora? Las fases no alcanzadas quedan como no realizadas.</translation>
    </message>
    <message>
        <source>Finish session</source>
        <translation>Terminar la sesión</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <source>Try to run it here</source>
        <translation>Intentar llevarla aquí</translation>
    </message>
    <message>
        <source>Nobody is expected at this session yet.</source>
        <translation>Todavía no se espera a nadie en esta sesión.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Fases</translation>
    </message>
    <message>
        <source>Room display</source>
        <translation>Pantalla de la sala</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>This session is open elsewhere</source>
        <translation>Esta sesión está abierta en otro equipo</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>{where}. You follow it here as it happens; its controls stay there. Once that runner closes, you can run it here.</source>
        <translation>{where}. Aquí la sigue en directo; sus controles se quedan allí. Cuando ese equipo la cierre, podrá llevarla aquí.</translation>
    </message>
    <message>
        <source>This session is already open in a runner on another computer or window{where}; close it there first, or wait two minutes after that app has stopped.</source>
        <translation>Esta sesión ya está abierta en otro equipo o ventana{where}; ciérrela allí primero, o espere dos minutos después de que esa aplicación se haya cerrado.</translation>
    </message>
    <message>
        <source>This session is already open in a runner on another computer or window{where}</source>
        <translation>Esta sesión ya está abierta en otro equipo o ventana{where}</translation>
    </message>
    <message>
        <source>In the room  ·  {count}</source>
        <translation>En la sala  ·  {count}</translation>
    </message>
    <message>
        <source>planned for the whole session</source>
        <translation>previsto para toda la sesión</translation>
    </message>
    <message>
        <source>the whole session</source>
        <translation>toda la sesión</translation>
    </message>
    <message>
        <source>ends about {time}</source>
        <translation>termina aprox. {time}</translation>
    </message>
    <message>
        <source>session so far</source>
        <translation>sesión hasta ahora</translation>
    </message>
</context>
<context>
    <name>Scales</name>
    <message>
        <source>minimal</source>
        <translation>mínima</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderada</translation>
    </message>
    <message>
        <source>moderately severe</source>
        <translation>moderadamente grave</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>Not at all</source>
        <translation>Ningún día</translation>
    </message>
    <message>
        <source>Several days</source>
        <translation>Varios días</translation>
    </message>
    <message>
        <source>More than half the days</source>
        <translation>Más de la mitad de los días</translation>
    </message>
    <message>
        <source>Nearly every day</source>
        <translation>Casi todos los días</translation>
    </message>
</context>
<context>
    <name>VitalsReason</name>
    <message>
        <source>before the dose</source>
        <translation>antes de la dosis</translation>
    </message>
    <message>
        <source>at {minutes} min</source>
        <translation>a los {minutes} min</translation>
    </message>
    <message>
        <source>hold the dose; </source>
        <translation>retener la dosis; </translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alerta</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>retención</translation>
    </message>
    <message>
        <source>recheck</source>
        <translation>nueva medición</translation>
    </message>
    <message>
        <source>caution</source>
        <translation>precaución</translation>
    </message>
    <message>
        <source>hold the dose; urgent recheck and clinician attention</source>
        <translation>retener la dosis; nueva medición urgente y atención clínica</translation>
    </message>
    <message>
        <source>urgent recheck and clinician attention</source>
        <translation>nueva medición urgente y atención clínica</translation>
    </message>
    <message>
        <source>hold the dose unless a clinician overrides</source>
        <translation>retener la dosis salvo que un clínico lo autorice</translation>
    </message>
    <message>
        <source>recheck and watch the trend</source>
        <translation>volver a medir y vigilar la tendencia</translation>
    </message>
    <message>
        <source>confirm with the clinician before dosing</source>
        <translation>consultar con el clínico antes de la dosis</translation>
    </message>
    <message>
        <source>BP {bp} {when}: above the protocol&apos;s {limit} {name} limit; {advice}.</source>
        <translation>PA {bp} {when}: por encima del límite de {name} del protocolo ({limit}); {advice}.</translation>
    </message>
    <message>
        <source>BP {bp} {when}: at the protocol&apos;s {limit} {name} limit; {advice}.</source>
        <translation>PA {bp} {when}: en el límite de {name} del protocolo ({limit}); {advice}.</translation>
    </message>
    <message>
        <source>SpO2 {value}% {when}: below the protocol&apos;s {limit}% minimum; {hold}urgent attention to breathing.</source>
        <translation>SpO2 {value}% {when}: por debajo del mínimo del protocolo ({limit}%); {hold}atención urgente a la respiración.</translation>
    </message>
    <message>
        <source>Heart rate {value} {when}: below the protocol&apos;s minimum of {limit}; {hold}urgent recheck and clinician attention.</source>
        <translation>FC {value} {when}: por debajo del mínimo del protocolo ({limit}); {hold}nueva medición urgente y atención clínica.</translation>
    </message>
    <message>
        <source>Heart rate {value} {when}: above the protocol&apos;s maximum of {limit}; {hold}urgent recheck and clinician attention.</source>
        <translation>FC {value} {when}: por encima del máximo del protocolo ({limit}); {hold}nueva medición urgente y atención clínica.</translation>
    </message>
    <message>
        <source>Systolic</source>
        <translation>Sistólica</translation>
    </message>
    <message>
        <source>Diastolic</source>
        <translation>Diastólica</translation>
    </message>
    <message>
        <source>Heart rate</source>
        <translation>Frecuencia cardiaca</translation>
    </message>
    <message>
        <source>Type vitals as systolic/diastolic, then heart rate and SpO2 if taken, for example 142/88 76 98.</source>
        <translation>Escriba los signos vitales como sistólica/diastólica y, si se tomaron, la frecuencia cardiaca y la SpO2; por ejemplo 142/88 76 98.</translation>
    </message>
    <message>
        <source>A reading needs a blood pressure: both systolic and diastolic.</source>
        <translation>Una medición necesita la presión arterial: sistólica y diastólica.</translation>
    </message>
    <message>
        <source>{name} {value} is outside the plausible range of {low} to {high}; check for a typo.</source>
        <translation>{name} {value} está fuera del rango posible, de {low} a {high}; revise si hay un error al escribir.</translation>
    </message>
    <message>
        <source>{name} must be a whole number.</source>
        <translation>{name} debe ser un número entero.</translation>
    </message>
    <message>
        <source>Diastolic {diastolic} must be lower than systolic {systolic}; check the order of the numbers.</source>
        <translation>La diastólica {diastolic} debe ser menor que la sistólica {systolic}; revise el orden de los números.</translation>
    </message>
</context>
<context>
    <name>format</name>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>dddd, d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Mañana</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <translation>ddd d MMM yyyy</translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>menos de un minuto</translation>
    </message>
</context>
</TS>
