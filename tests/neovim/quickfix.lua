-- Fills Neovim's quickfix list from `sorrylint check --format line` with
-- the settings documented for Vim, first through :make on the saved file,
-- then through :cexpr on unsaved buffer lines, and records each entry and
-- the text under the cursor after jumping to it. The Rust test that starts
-- Neovim reads the record and judges it.
--
-- Environment: RECORDER (record.lua), RECORD (where it writes the JSON
-- record), DRAFT (the file to open), SETTINGS (the documented `set` lines)
-- and CEXPR (the documented :cexpr command). `sorrylint` must be on PATH.

local recorder = dofile(os.getenv('RECORDER'))
local record = recorder.data
local finish = recorder.finish

-- Each quickfix entry, and the three characters (code points, so that the
-- record stays valid UTF-8) the cursor lands on when Neovim jumps to it.
local function entries()
  local list = {}
  for index, item in ipairs(vim.fn.getqflist()) do
    local landed = ''
    if item.valid == 1 then
      vim.cmd('silent cc ' .. index)
      local cursor = vim.api.nvim_win_get_cursor(0)
      local line = vim.api.nvim_get_current_line()
      landed = vim.fn.strcharpart(line:sub(cursor[2] + 1), 0, 3)
      if not pcall(vim.fn.json_encode, landed) then
        landed = 'inside a character, at byte ' .. cursor[2]
      end
    end
    table.insert(list, {
      valid = item.valid,
      lnum = item.lnum,
      col = item.col,
      vcol = item.vcol,
      type = item.type,
      text = item.text,
      file = vim.fn.bufname(item.bufnr),
      landed = landed,
    })
  end
  return list
end

recorder.run(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DRAFT')))
  for line in os.getenv('SETTINGS'):gmatch('[^\n]+') do
    vim.cmd(line)
  end
  record.makeprg = vim.o.makeprg
  record.errorformat = vim.o.errorformat

  vim.cmd('silent make!')
  record.make = entries()

  -- An unsaved line: only :cexpr over the buffer's lines can see it.
  vim.api.nvim_buf_set_lines(0, -1, -1, false, { '👋 pls call me' })
  vim.cmd(os.getenv('CEXPR'))
  record.cexpr = entries()
  finish(nil)
end)
