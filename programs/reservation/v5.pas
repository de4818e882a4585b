{ A seat reservation service, version 5.  Reads commands from standard input:
    book NAME SEATS    reserve seats for NAME
    cancel NAME        cancel NAME's reservation
    list               show every reservation and the seats left
    batch NAME N       book N single seats for NAME, one every half second
    stats              how many bookings, seats and the takings
  Version 5: a new command, stats: bookings, seats taken, takings. }
program reservation;

uses sysutils;

const
  Capacity = 20;
  SeatPrice = 12.5;
  MaxBookings = 50;

type
  Booking = record
    name: string;
    seats: integer;
    price: real;
  end;
  OldBooking = record
    name: string;
    seats: integer;
  end;
  OldBookings = array[1..MaxBookings] of OldBooking;

var
  bookings: array[1..MaxBookings] of Booking;
  count: integer = 0;
  free: integer = Capacity;
  line: string;

{$dvm mapper bookings}
procedure price_old(const old: OldBookings);
var i: integer;
begin
  for i := 1 to MaxBookings do
  begin
    bookings[i].name := old[i].name;
    bookings[i].seats := old[i].seats;
    bookings[i].price := old[i].seats * SeatPrice;
  end;
end;

function find(const name: string): integer;
var i: integer;
begin
  find := 0;
  for i := 1 to count do
    if bookings[i].name = name then find := i;
end;

procedure book(const name: string; seats: integer; vip: boolean);
begin
  if seats > free then
    writeln('sorry, only ', free, ' seats left')
  else if count = MaxBookings then
    writeln('sorry, the book is full')
  else
  begin
    count := count + 1;
    bookings[count].name := name;
    bookings[count].seats := seats;
    if vip then bookings[count].price := 2 * seats * SeatPrice
    else bookings[count].price := seats * SeatPrice;
    free := free - seats;
    if vip then writeln('booked ', seats, ' for ', name, ' (vip)')
    else writeln('booked ', seats, ' for ', name);
  end;
end;

procedure cancel(const name: string);
var i: integer;
begin
  i := find(name);
  if i = 0 then
    writeln('no booking for ', name)
  else
  begin
    free := free + bookings[i].seats;
    bookings[i] := bookings[count];
    count := count - 1;
    writeln('cancelled ', name);
  end;
end;

procedure list;
var i: integer;
begin
  for i := 1 to count do
    writeln('  ', bookings[i].name, ': ', bookings[i].seats, ' seats, ', bookings[i].price:0:2);
  writeln('  seats left: ', free);
end;

procedure batch(const name: string; n: integer);
var i: integer;
begin
  for i := 1 to n do
  begin
    book(name + '#' + chr(48 + i mod 10), 1, false);
    flush(output);
    sleep(500);
  end;
end;

procedure stats;
var i, seats: integer; takings: real;
begin
  seats := 0; takings := 0;
  for i := 1 to count do
  begin
    seats := seats + bookings[i].seats;
    takings := takings + bookings[i].price;
  end;
  writeln('  ', count, ' bookings, ', seats, ' seats, takings ', takings:0:2);
end;

function field(const s: string; n: integer): string;
var i, w: integer; cur: string;
begin
  w := 0; cur := ''; field := '';
  for i := 1 to length(s) + 1 do
    if (i > length(s)) or (s[i] = ' ') then
    begin
      if cur <> '' then
      begin
        w := w + 1;
        if w = n then field := cur;
      end;
      cur := '';
    end
    else
      cur := cur + s[i];
end;

procedure dispatch(const cmd: string);
var n, code: integer;
begin
  if field(cmd, 1) = 'book' then
  begin
    val(field(cmd, 3), n, code);
    if code <> 0 then writeln('usage: book NAME SEATS [vip]')
    else book(field(cmd, 2), n, field(cmd, 4) = 'vip');
  end
  else if field(cmd, 1) = 'cancel' then cancel(field(cmd, 2))
  else if field(cmd, 1) = 'list' then list
  else if field(cmd, 1) = 'stats' then stats
  else if field(cmd, 1) = 'batch' then
  begin
    val(field(cmd, 3), n, code);
    if code <> 0 then writeln('usage: batch NAME N') else batch(field(cmd, 2), n);
  end
  else if cmd <> '' then writeln('unknown command: ', cmd);
end;

begin
  writeln('reservation service, version 5');
  while not eof do
  begin
    readln(line);
    dispatch(line);
  end;
end.
