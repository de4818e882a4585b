program Reservation;
{ A theatre seat reservation simulator: rows of seats as a 2-D array of an enumeration,
  booking blocks of adjacent seats, cancelling, and printing a seat map. }
const
  Rows = 5;
  Cols = 8;
type
  TSeat = (Free, Booked, Blocked);
  TRowName = 'A'..'E';
var
  hall: array[TRowName, 1..Cols] of TSeat;
  owner: array[TRowName, 1..Cols] of integer;
  nextTicket: integer;
  r: TRowName;
  c: integer;

procedure ShowMap;
var
  rr: TRowName;
  cc: integer;
begin
  write('  ');
  for cc := 1 to Cols do write(cc:2);
  writeln;
  for rr := 'A' to 'E' do
  begin
    write(rr, ' ');
    for cc := 1 to Cols do
      case hall[rr, cc] of
        Free: write(' .');
        Booked: write(' X');
        Blocked: write(' #');
      end;
    writeln;
  end;
end;

function FindBlock(n: integer; var row: TRowName; var col: integer): boolean;
var
  rr: TRowName;
  cc, run: integer;
begin
  FindBlock := false;
  for rr := 'A' to 'E' do
  begin
    run := 0;
    for cc := 1 to Cols do
    begin
      if hall[rr, cc] = Free then inc(run) else run := 0;
      if run = n then
      begin
        row := rr;
        col := cc - n + 1;
        FindBlock := true;
        exit;
      end;
    end;
  end;
end;

procedure Book(n: integer);
var
  row: TRowName;
  col, k: integer;
begin
  if FindBlock(n, row, col) then
  begin
    inc(nextTicket);
    for k := col to col + n - 1 do
    begin
      hall[row, k] := Booked;
      owner[row, k] := nextTicket;
    end;
    writeln('ticket ', nextTicket, ': ', n, ' seats at ', row, col, '-', row, col + n - 1);
  end
  else
    writeln('no block of ', n, ' seats');
end;

procedure Cancel(ticket: integer);
var
  rr: TRowName;
  cc, freed: integer;
begin
  freed := 0;
  for rr := 'A' to 'E' do
    for cc := 1 to Cols do
      if (hall[rr, cc] = Booked) and (owner[rr, cc] = ticket) then
      begin
        hall[rr, cc] := Free;
        owner[rr, cc] := 0;
        inc(freed);
      end;
  writeln('cancelled ticket ', ticket, ': ', freed, ' seats freed');
end;

function CountSeats(kind: TSeat): integer;
var
  rr: TRowName;
  cc: integer;
begin
  Result := 0;
  for rr := low(TRowName) to high(TRowName) do
    for cc := 1 to Cols do
      if hall[rr, cc] = kind then inc(Result);
end;

begin
  for r := 'A' to 'E' do
    for c := 1 to Cols do
    begin
      hall[r, c] := Free;
      owner[r, c] := 0;
    end;
  hall['C', 4] := Blocked;
  hall['C', 5] := Blocked;
  nextTicket := 0;
  Book(4); Book(6); Book(3); Book(8); Book(2); Book(5); Book(8);
  ShowMap;
  Cancel(2);
  Cancel(42);
  Book(7);
  Book(5);
  ShowMap;
  writeln('free ', CountSeats(Free), ' booked ', CountSeats(Booked), ' blocked ', CountSeats(Blocked), ' of ', Rows * Cols);
end.
