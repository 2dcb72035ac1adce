"""The wall board (列表上墙、看板管理): what it shows, to whom, from which links."""
