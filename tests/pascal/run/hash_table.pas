program HashTable;
{ A hash table with separate chaining (pointers to records holding strings), counting
  word occurrences in a text; lookups, deletion and a sorted report. }
const
  Buckets = 13;
type
  PEntry = ^TEntry;
  TEntry = record
    key: string;
    count: integer;
    next: PEntry;
  end;
var
  table: array[0..Buckets - 1] of PEntry;
  text: string;
  words: array[1..50] of string;
  nwords, i, j, b, chainMax, len: integer;
  e: PEntry;
  w, tmp: string;

function Hash(const s: string): integer;
var
  h, i: integer;
begin
  h := 0;
  for i := 1 to length(s) do h := (h * 31 + ord(s[i])) mod 1000003;
  Hash := h mod Buckets;
end;

function Find(const k: string): PEntry;
var
  p: PEntry;
begin
  p := table[Hash(k)];
  while (p <> nil) and (p^.key <> k) do p := p^.next;
  Find := p;
end;

procedure Add(const k: string);
var
  p: PEntry;
  h: integer;
begin
  p := Find(k);
  if p <> nil then inc(p^.count)
  else
  begin
    h := Hash(k);
    new(p);
    p^.key := k;
    p^.count := 1;
    p^.next := table[h];
    table[h] := p;
  end;
end;

procedure Remove(const k: string);
var
  p, prev: PEntry;
  h: integer;
begin
  h := Hash(k);
  p := table[h];
  prev := nil;
  while (p <> nil) and (p^.key <> k) do begin prev := p; p := p^.next; end;
  if p = nil then exit;
  if prev = nil then table[h] := p^.next else prev^.next := p^.next;
  dispose(p);
end;

begin
  for b := 0 to Buckets - 1 do table[b] := nil;
  text := 'the cat and the dog and the bird saw a cat chase the dog while a bird sang and the sun set ';
  w := '';
  for i := 1 to length(text) do
    if text[i] = ' ' then
    begin
      if w <> '' then Add(w);
      w := '';
    end
    else w := w + text[i];
  writeln('the: ', Find('the')^.count, ' cat: ', Find('cat')^.count, ' fish: ', Find('fish') = nil);
  Remove('the');
  Remove('fish');
  writeln('the removed: ', Find('the') = nil);
  nwords := 0;
  chainMax := 0;
  for b := 0 to Buckets - 1 do
  begin
    e := table[b];
    len := 0;
    while e <> nil do
    begin
      inc(nwords);
      words[nwords] := e^.key;
      inc(len);
      e := e^.next;
    end;
    if len > chainMax then chainMax := len;
  end;
  for i := 2 to nwords do
  begin
    tmp := words[i];
    j := i - 1;
    while (j >= 1) and (words[j] > tmp) do
    begin
      words[j + 1] := words[j];
      dec(j);
    end;
    words[j + 1] := tmp;
  end;
  for i := 1 to nwords do write(words[i], '=', Find(words[i])^.count, ' ');
  writeln;
  writeln(nwords, ' distinct words, longest chain ', chainMax);
end.
