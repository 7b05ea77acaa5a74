-- The record a test script writes for the Rust test that started Neovim:
-- a table the script fills, written as JSON to $RECORD when it finishes,
-- after which Neovim quits. `run(steps)` runs the script's steps and
-- records any Lua error they raise.

local M = { data = {} }

function M.finish(message)
  M.data.error = message
  local file = assert(io.open(os.getenv('RECORD'), 'w'))
  file:write(vim.fn.json_encode(M.data))
  file:close()
  vim.cmd('qall!')
end

function M.run(steps)
  local ok, err = pcall(steps)
  if not ok then
    M.finish('the script failed: ' .. tostring(err))
  end
end

return M
